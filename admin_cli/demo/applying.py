"""Registration, a candidate's side: the application form, a document, the submission.

Every candidate uploads a small generated PDF for each document the group's regulation asks
for; optional ones are skipped by some. The candidate barred by the two-terms rule is stopped
by the bot as soon as they give their name.
"""

from __future__ import annotations

from admin_cli.demo.casting import CandidatePlan
from admin_cli.demo.joining import join
from admin_cli.demo.person import Person
from admin_cli.demo.theatre import Theatre

DOCUMENT_ASKED = ("candidate.ask.document_required", "candidate.ask.document_optional")
PREVIEW = "candidate.preview.actions.draft"
AFTER_DUTIES = (*DOCUMENT_ASKED, PREVIEW)


def small_pdf(title: str) -> bytes:
    """A valid one-page PDF whose page says `title` (Latin letters only, as PDF base fonts)."""
    text = title.encode("ascii", "replace").decode().replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R"
        b" >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        start,
    )
    return bytes(out)


async def apply(theatre: Theatre, plan: CandidatePlan, group: str) -> Person:
    """Fill in and submit the application, as `plan` says; return the person."""
    person = theatre.person(plan.who, plan.language, plan.name.split()[0])
    calendar = theatre.calendar(group)
    await theatre.within(calendar.registration_opens, calendar.registration_closes, plan.arrives)
    await join(theatre, person, group)
    await person.tap("start.apply", "candidate.ask.name")
    await person.send(plan.name, "candidate.ask.statement", "reasons.candidate.term_limit")
    if person.says("reasons.candidate.term_limit"):
        theatre.story.tell(f"{plan.who} applied under a past holder's name: refused by the rule.")
        theatre.story.count(group, "barred by the term limit")
        return person
    await person.send(plan.statement, "candidate.ask.report_back")
    await person.send(plan.report_back, "candidate.ask.conflicts")
    await person.tap("candidate.no_conflicts", "candidate.duties")
    await person.tap("candidate.accept", *AFTER_DUTIES)
    documents = 0
    while not person.has_button("candidate.submit"):
        optional = person.last_says("candidate.ask.document_optional")
        if optional and plan.arrives > 0.15:  # some skip what is optional
            await person.tap("candidate.skip", *AFTER_DUTIES)
        else:
            name = f"document-{documents + 1}.pdf"
            await person.upload(name, small_pdf(f"{plan.name} {name}"), *AFTER_DUTIES)
        documents += 1
    await person.tap("candidate.submit", "candidate.submitted")
    theatre.story.count(group, "applied")
    return person
