"""The sealed ballot box; ballots lose their obsolete receipt column.

While a vote is open its ballots wait in `sealed_ballots`, sealed and padded (core.ballot_box):
on PostgreSQL rows sit on disk in the order they were written, next to vote markers written in
the same order, so clear ballots would pair with their voters in any dump taken during the vote.
`ballots` now holds only what the close writes. Its `receipt` column predates the receipts
table and only repeated each ballot's own random id.

A database holding clear ballots of a vote that has not been closed cannot be upgraded: the
migration has no key to seal them with, and the close would no longer find them. Close the vote
(or finish the election) with the previous version first.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_VOTE_BALLOTS = sa.text(
    "SELECT count(*) FROM ballots JOIN contests ON contests.id = ballots.contest_id "
    "WHERE NOT EXISTS (SELECT 1 FROM results WHERE results.group_id = contests.group_id)"
)


def upgrade() -> None:
    waiting = op.get_bind().execute(OPEN_VOTE_BALLOTS).scalar_one()
    if waiting:
        raise RuntimeError(
            f"{waiting} ballots belong to votes that are not closed yet; close them with the "
            "previous version of Saylau before upgrading (the new version keeps open votes sealed)"
        )
    op.create_table('sealed_ballots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['contests.id'], name=op.f('fk_sealed_ballots_contest_id_contests'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sealed_ballots')),
    sqlite_with_rowid=False,  # a rowid would record the order of casting
    )
    op.create_index(op.f('ix_sealed_ballots_contest_id'), 'sealed_ballots', ['contest_id'])
    # SQLite rebuilds the table to drop a UNIQUE column: keep it WITHOUT ROWID while doing so.
    with op.batch_alter_table('ballots', table_kwargs={'sqlite_with_rowid': False}) as batch:
        batch.drop_constraint(op.f('uq_ballots_receipt'), type_='unique')
        batch.drop_column('receipt')


def downgrade() -> None:
    with op.batch_alter_table('ballots', table_kwargs={'sqlite_with_rowid': False}) as batch:
        batch.add_column(sa.Column('receipt', sa.String(length=64), nullable=True))
    # The old column held each ballot's own random id, which is what it gets back.
    op.execute("UPDATE ballots SET receipt = id")
    with op.batch_alter_table('ballots', table_kwargs={'sqlite_with_rowid': False}) as batch:
        batch.alter_column('receipt', existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(op.f('uq_ballots_receipt'), ['receipt'])
    op.drop_index(op.f('ix_sealed_ballots_contest_id'), table_name='sealed_ballots')
    op.drop_table('sealed_ballots')
