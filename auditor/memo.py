"""How many entries each per-word memo keeps.

Checks remember what they worked out for a word (its frequency, its dictionary verdict, its
spelling candidates, its tags) in least-recently-used memos, one a function. The words an article
set uses often stay; the long tail of names and slips each seen once or twice passes through.

Sized by measurement (bench/scaling.py's corpus, 1,500 articles mapped in one process): with 8,192
entries a memo the map takes the same CPU as with 65,536-200,000 (within the noise of a busy
machine) and gives the same findings, while the process grows by 120 MB instead of 207 MB. On
10,000 articles with two workers (bench/scaling.py --cli) the peak fell from 1,488 MB to 823 MB.
"""
WORDS = 8_192
