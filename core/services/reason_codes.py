"""Every refusal the registration use cases raise, with the params its message receives.

The bot renders `Refused(reason).reason.code` from its catalogue in the person's language, so
these codes are stable: rename one only together with every catalogue. Instants are aware UTC
datetimes; `regions`, `allowed` and the like are lists of codes.

Raised by these use cases (constants below):
    cycle.none                      {}                      no election has been loaded
    group.unknown                   {group}                 no such group in the current cycle
    person.no_consent               {}                      the person has not consented yet
    person.unknown_language         {language, languages}
    voter.already_registered        {group, status}         status: the current VoterStatus
    voter.region_required           {regions}
    voter.unknown_region            {region, regions}
    voter.organisation_required     {}
    candidate.not_applied           {group}                 nothing to submit, withdraw or read
    candidate.already_submitted     {group}
    candidate.already_withdrawn     {group}
    candidate.already_decided       {group, status}         the commission has decided already
    application.empty               {field}                 field: name, statement, report_back,
    application.too_short           {field, min, length}        conflicts
    application.too_long            {field, max, length}
    application.duties_not_accepted {}
    application.document_missing    {document}              document: a requirement code
    application.document_unknown    {document}
    application.document_repeated   {document}
    application.document_type       {document, file_type, allowed}
    application.document_too_large  {document, max_megabytes, megabytes}
    review.not_commission           {group}
    review.pledge_required          {group}
    review.reason_required          {}
    review.reason_too_long          {max, length}
    review.unknown_applicant        {group}
    review.already_decided          {status}
    overview.no_access              {group}

Passed through from the guards these use cases call:
    registration.not_open {opens_at}, registration.closed {closed_at}      (core.stages)
    admissions.not_open {opens_at}, admissions.closed {closed_at}          (core.stages)
    candidate.term_limit {terms, last_cycle_year}                          (core.eligibility)
    eligibility.already_holds {role}, eligibility.observer_holds_no_other_role {role},
    eligibility.committee_member_cannot_stand {}, eligibility.commission_member_cannot_stand {},
    cross_group.votes_elsewhere {group, role}, cross_group.commission_member_elsewhere
    {group, role}, cross_group.candidate_elsewhere {group, role}           (core.eligibility)
The cross_group params name the person's other group: show them to that person only.
"""

from __future__ import annotations

NO_CYCLE = "cycle.none"
UNKNOWN_GROUP = "group.unknown"
NO_CONSENT = "person.no_consent"
UNKNOWN_LANGUAGE = "person.unknown_language"
ALREADY_REGISTERED = "voter.already_registered"
REGION_REQUIRED = "voter.region_required"
UNKNOWN_REGION = "voter.unknown_region"
ORGANISATION_REQUIRED = "voter.organisation_required"
NOT_APPLIED = "candidate.not_applied"
ALREADY_SUBMITTED = "candidate.already_submitted"
ALREADY_WITHDRAWN = "candidate.already_withdrawn"
CANDIDACY_DECIDED = "candidate.already_decided"
NOT_COMMISSION = "review.not_commission"
PLEDGE_REQUIRED = "review.pledge_required"
REASON_REQUIRED = "review.reason_required"
REASON_TOO_LONG = "review.reason_too_long"
UNKNOWN_APPLICANT = "review.unknown_applicant"
ALREADY_DECIDED = "review.already_decided"
NO_ACCESS = "overview.no_access"
