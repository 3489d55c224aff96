"""python -m auditor"""
import sys

from .cli import main

sys.exit(main())
