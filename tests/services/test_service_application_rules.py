"""What the application form accepts: lengths after trimming, any script, allowed files only."""

from dataclasses import replace

from core.application import Application, SealedForm, from_json, to_json
from core.application_rules import MEGABYTE, draft_problem, submission_problem
from core.regulation import DocumentRequirement, Regulation
from tests.builders import names
from tests.services.registration_support import LETTER, PHOTO, complete

PASSPORT = DocumentRequirement(code="passport", names=names("ID"), types=("jpg", "png"))
RULES = Regulation(documents=(*Regulation().documents, PASSPORT))


def code(problem) -> str | None:
    return None if problem is None else problem.code


def test_a_complete_application_passes():
    assert submission_problem(complete(), RULES) is None


def test_a_5000_character_statement_is_refused_with_the_limit():
    problem = submission_problem(complete(statement="а" * 5000), RULES)

    assert problem is not None
    assert (problem.code, problem.params) == (
        "application.too_long",
        {"field": "statement", "max": 3000, "length": 5000},
    )


def test_an_empty_or_blank_statement_is_refused_but_a_draft_may_lack_it():
    assert submission_problem(complete(statement="   \n "), RULES).params == {"field": "statement"}
    assert code(submission_problem(complete(statement=""), RULES)) == "application.empty"
    assert draft_problem(Application(name="Айгуль Сейткали"), RULES) is None


def test_a_draft_needs_a_name_of_sensible_length():
    assert code(draft_problem(Application(), RULES)) == "application.empty"
    assert code(draft_problem(Application(name=" Ай "), RULES)) == "application.too_short"
    assert code(draft_problem(Application(name="Я" * 121), RULES)) == "application.too_long"


def test_emoji_and_right_to_left_text_are_accepted_and_kept_as_typed():
    statement = "🏳️‍🌈 Равный доступ к PrEP 💊 — مساواة في الحصول على العلاج 🙏"
    application = complete(name="אורי כהן 🌟", statement=statement)

    assert submission_problem(application, RULES) is None
    sealed = from_json(to_json(SealedForm(application, "key")))
    assert sealed.application == application


def test_trimming_counts_only_what_is_typed():
    padded = complete(statement="  " + "б" * 20 + "  ")

    assert submission_problem(padded, RULES) is None
    assert padded.trimmed().statement == "б" * 20
    assert code(submission_problem(complete(statement=" " + "б" * 19 + " "), RULES)) == (
        "application.too_short"
    )


def test_a_30_megabyte_file_is_refused_with_both_sizes():
    big = replace(LETTER, size=30 * MEGABYTE)
    problem = draft_problem(complete(documents=(big,)), RULES)

    assert problem is not None
    assert (problem.code, problem.params) == (
        "application.document_too_large",
        {"document": "recommendation", "max_megabytes": 10, "megabytes": 30.0},
    )


def test_forbidden_file_types_are_refused_by_name_and_by_mime_type():
    program = replace(LETTER, file_name="letter.exe", mime_type="application/x-msdownload")
    disguised = replace(LETTER, mime_type="image/png")  # .pdf that Telegram says is a picture
    nameless_photo = replace(PHOTO, file_name="", mime_type="image/jpeg")

    problem = draft_problem(complete(documents=(program,)), RULES)
    assert problem is not None and problem.code == "application.document_type"
    assert problem.params["file_type"] == "exe"
    assert "pdf" in problem.params["allowed"]
    assert code(draft_problem(complete(documents=(disguised,)), RULES)) == (
        "application.document_type"
    )
    assert draft_problem(complete(documents=(nameless_photo,)), RULES) is None


def test_required_documents_and_the_duties_are_needed_to_submit():
    without_id = complete(documents=(LETTER,))
    assert draft_problem(without_id, RULES) is None
    problem = submission_problem(without_id, RULES)
    assert problem is not None
    assert (problem.code, problem.params) == (
        "application.document_missing",
        {"document": "passport"},
    )
    assert code(submission_problem(complete(accepted_duties=False), RULES)) == (
        "application.duties_not_accepted"
    )
    assert submission_problem(complete(documents=(PHOTO,)), RULES) is None  # the letter is optional


def test_files_for_unknown_or_repeated_requirements_are_refused():
    stray = replace(LETTER, requirement_code="diploma")

    assert (
        code(draft_problem(complete(documents=(stray,)), RULES)) == "application.document_unknown"
    )
    assert code(draft_problem(complete(documents=(LETTER, LETTER)), RULES)) == (
        "application.document_repeated"
    )
