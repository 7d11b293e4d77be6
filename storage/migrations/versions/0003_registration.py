"""Registration: NGO representative changes, and room for the commission's reasons.

A pending registration that claims an organisation already represented keeps the claimed key in
`voters.replacement_for` (the unique (group_id, organisation_key) stays: one representative per
organisation); the former representative becomes 'replaced'. Reasons grow from 64 to 500
characters, since they hold the Mandate Commission's own words.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES = ('registered', 'pending', 'admitted', 'refused')
_CHECK = 'ck_voters_status_known'


def _status_check(statuses: tuple[str, ...]) -> str:
    return 'status IN (' + ', '.join(f"'{status}'" for status in statuses) + ')'


def upgrade() -> None:
    with op.batch_alter_table('voters') as batch:
        batch.alter_column(
            'reason', existing_type=sa.String(length=64), type_=sa.String(length=500),
            existing_nullable=True,
        )
        batch.add_column(sa.Column('replacement_for', sa.String(length=64), nullable=True))
        batch.drop_constraint(op.f(_CHECK), type_='check')
        batch.create_check_constraint(op.f(_CHECK), _status_check((*_STATUSES, 'replaced')))
    with op.batch_alter_table('candidates') as batch:
        batch.alter_column(
            'reason', existing_type=sa.String(length=64), type_=sa.String(length=500),
            existing_nullable=True,
        )


def downgrade() -> None:
    # A replaced representative had lost the vote; without the status it stays refused.
    op.execute("UPDATE voters SET status = 'refused' WHERE status = 'replaced'")
    op.execute('UPDATE voters SET reason = substr(reason, 1, 64)')
    op.execute('UPDATE candidates SET reason = substr(reason, 1, 64)')
    with op.batch_alter_table('candidates') as batch:
        batch.alter_column(
            'reason', existing_type=sa.String(length=500), type_=sa.String(length=64),
            existing_nullable=True,
        )
    with op.batch_alter_table('voters') as batch:
        batch.drop_constraint(op.f(_CHECK), type_='check')
        batch.create_check_constraint(op.f(_CHECK), _status_check(_STATUSES))
        batch.drop_column('replacement_for')
        batch.alter_column(
            'reason', existing_type=sa.String(length=500), type_=sa.String(length=64),
            existing_nullable=True,
        )
