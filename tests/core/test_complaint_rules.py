"""How long a complaint and an answer may be: counted after trimming, bounded on both sides."""

from core.complaint_rules import (
    MAX_TEXT,
    MIN_COMPLAINT,
    TOO_LONG,
    TOO_SHORT,
    answer_problem,
    complaint_problem,
)
from core.reasons import Reason


def test_a_complaint_needs_a_few_words_and_fits_a_chat_message() -> None:
    assert complaint_problem("я" * MIN_COMPLAINT) is None
    assert complaint_problem("я" * MAX_TEXT) is None
    assert complaint_problem("плохо") == Reason(TOO_SHORT, {"min": MIN_COMPLAINT, "length": 5})
    assert complaint_problem("я" * 3001) == Reason(TOO_LONG, {"max": MAX_TEXT, "length": 3001})


def test_surrounding_spaces_do_not_count() -> None:
    assert complaint_problem("   плохо    ") == Reason(
        TOO_SHORT, {"min": MIN_COMPLAINT, "length": 5}
    )
    assert answer_problem("  \n ") == Reason(TOO_SHORT, {"min": 1, "length": 0})
    assert answer_problem(" Да. ") is None
