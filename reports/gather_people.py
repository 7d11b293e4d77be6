"""The people side of a protocol: candidates and their applications, the commission and the
observers, organisations represented, complaints and answers.

Sealed texts are opened here, with the key the Secretariat's command holds; the values leaving
this module carry names only where the election made them public (admitted candidates).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from core.application import Application, application_purpose, from_json
from core.complaints import Complaint, answer_purpose, complaint_purpose
from core.model import Candidate, CandidateStatus, Role, RoleGrant, Voter, VoterStatus
from core.privacy import Sealer, normalise_name
from core.regulation import Declaration, Regulation, VoterKind
from core.services.context import commission_code
from core.services.electorate import public_id
from core.services.registration_checks import organisation_purpose
from core.services.roles import holder_code
from reports.model import ApplicationRow, CandidateRow, ComplaintRow, RoleHolder


def candidate_rows(candidates: Sequence[Candidate], sealer: Sealer) -> tuple[CandidateRow, ...]:
    """List every application that went beyond a draft, in the order they were submitted."""
    shown = [c for c in candidates if c.status is not CandidateStatus.DRAFT]
    shown.sort(key=lambda c: (c.application_order is None, c.application_order, c.created_at))
    return tuple(
        CandidateRow(
            code=public_id(c),
            name=_application(c, sealer).name if c.status is CandidateStatus.ADMITTED else None,
            status=c.status.value,
            application_order=c.application_order,
            reason=c.reason,
            decided_at=c.decided_at,
        )
        for c in shown
    )


def applications(candidates: Sequence[Candidate], sealer: Sealer) -> tuple[ApplicationRow, ...]:
    """The admitted candidates' applications, for the annex."""
    rows = []
    for candidate in candidates:
        if candidate.status is not CandidateStatus.ADMITTED:
            continue
        form = _application(candidate, sealer)
        rows.append(
            ApplicationRow(
                code=public_id(candidate),
                name=form.name,
                statement=form.statement,
                report_back=form.report_back,
                conflicts=form.conflicts,
                accepted_duties=form.accepted_duties,
                documents=form.documents,
            )
        )
    return tuple(sorted(rows, key=lambda row: row.code))


def _application(candidate: Candidate, sealer: Sealer) -> Application:
    if candidate.application is None:
        raise ValueError(f"candidate {public_id(candidate)} has no application")
    sealed = sealer.open(candidate.application, application_purpose(candidate.pseudonym))
    return from_json(sealed).application


def holders(grants: Iterable[RoleGrant], role: Role) -> tuple[RoleHolder, ...]:
    """Everyone appointed to `role` in the group, revoked or not, by the code the log uses."""
    chosen = sorted((g for g in grants if g.role is role), key=lambda g: g.granted_at)
    return tuple(
        RoleHolder(
            role.value,
            holder_code(role, g.pseudonym),
            g.granted_at,
            g.pledge_accepted_at,
            g.revoked_at,
        )
        for g in chosen
    )


def organisations(voters: Sequence[Voter], rules: Regulation, sealer: Sealer) -> int | None:
    """Count the organisations the admitted voters represent; None when none are declared."""
    admitted = [v for v in voters if v.status is VoterStatus.ADMITTED]
    if rules.voter_kind is VoterKind.ORGANIZATION:
        return len({v.organisation_key for v in admitted if v.organisation_key})
    if Declaration.ORGANIZATION not in rules.declarations:
        return None
    # Members of one NGO type its name in many ways: count names as the term limit matches them.
    names = {
        normalise_name(sealer.open(v.organisation, organisation_purpose(v.pseudonym)))
        for v in admitted
        if v.organisation is not None
    }
    return len(names)


def complaint_rows(complaints: Sequence[Complaint], sealer: Sealer) -> tuple[ComplaintRow, ...]:
    """Open each complaint and its answer; the author is never named."""
    rows = []
    for number, complaint in enumerate(sorted(complaints, key=lambda c: c.filed_at), start=1):
        answer = None
        if complaint.answer is not None:
            answer = sealer.open(complaint.answer, answer_purpose(complaint.id))
        rows.append(
            ComplaintRow(
                number=number,
                filed_at=complaint.filed_at,
                text=sealer.open(complaint.text, complaint_purpose(complaint.author)),
                answer=answer,
                answered_at=complaint.answered_at,
                answered_by=commission_code(complaint.answered_by)
                if complaint.answered_by
                else None,
            )
        )
    return tuple(rows)
