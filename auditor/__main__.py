"""python -m auditor"""
from .cli import run

run()
