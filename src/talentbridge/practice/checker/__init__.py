"""The eligibility check: answers to the kernel, the stored determination, reasons, and what would change it.

By part: `answers` (validated answers, and those a determination was made from), `evaluation` (the kernel
runs, the stored determination, the result and what would change it), `reasons` (the words: why a pathway
applies or not, what a change does, why none helps).
"""

from talentbridge.practice.checker.answers import answers_from, answers_of
from talentbridge.practice.checker.evaluation import check_result, check_run, what_would_change

__all__ = ["answers_from", "answers_of", "check_result", "check_run", "what_would_change"]
