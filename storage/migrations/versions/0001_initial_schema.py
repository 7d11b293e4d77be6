"""The whole schema: the declared election, people and their roles, voting, the audit log.

Instants are TIMESTAMP WITH TIME ZONE (SQLite stores them as UTC text; storage.types reads them
back aware). Constraint names follow storage.tables.base.NAMING_CONVENTION.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('group_code', sa.String(length=16), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_log_hash')),
    sa.UniqueConstraint('prev_hash', name=op.f('uq_audit_log_prev_hash'))
    )
    op.create_table('cycles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycles')),
    sa.UniqueConstraint('code', name=op.f('uq_cycles_code'))
    )
    op.create_table('people',
    sa.Column('pseudonym', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('contact', sa.LargeBinary(), nullable=True),
    sa.Column('consent_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('pseudonym', name=op.f('pk_people'))
    )
    op.create_table('groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('regulation', sa.JSON(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('preparation_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('announcement_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('registration_opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('registration_closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('candidate_list_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('voting_opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('voting_closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('results_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('stage_recorded', sa.String(length=16), nullable=True),
    sa.CheckConstraint("stage_recorded IN ('preparation', 'announcement', 'registration', 'candidate_list', 'voting', 'results')", name=op.f('ck_groups_stage_recorded_known')),
    sa.ForeignKeyConstraint(['cycle_id'], ['cycles.id'], name=op.f('fk_groups_cycle_id_cycles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_groups')),
    sa.UniqueConstraint('cycle_id', 'code', name=op.f('uq_groups_cycle_id_code'))
    )
    op.create_table('candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('application_order', sa.Integer(), nullable=True),
    sa.Column('application', sa.LargeBinary(), nullable=True),
    sa.Column('reason', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'admitted', 'refused', 'withdrawn')", name=op.f('ck_candidates_status_known')),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_candidates_group_id_groups'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pseudonym'], ['people.pseudonym'], name=op.f('fk_candidates_pseudonym_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidates')),
    sa.UniqueConstraint('group_id', 'application_order', name=op.f('uq_candidates_group_id_application_order')),
    sa.UniqueConstraint('group_id', 'pseudonym', name=op.f('uq_candidates_group_id_pseudonym'))
    )
    op.create_table('contests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('choices', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('single', 'member', 'alternate')", name=op.f('ck_contests_kind_known')),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_contests_group_id_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contests')),
    sa.UniqueConstraint('group_id', 'kind', name=op.f('uq_contests_group_id_kind'))
    )
    op.create_table('past_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('name_key', sa.String(length=64), nullable=False),
    sa.Column('cycle_year', sa.Integer(), nullable=False),
    sa.Column('seat', sa.String(length=16), nullable=False),
    sa.CheckConstraint("seat IN ('member', 'alternate')", name=op.f('ck_past_terms_seat_known')),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_past_terms_group_id_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_past_terms')),
    sa.UniqueConstraint('group_id', 'name_key', 'cycle_year', 'seat', name=op.f('uq_past_terms_group_id_name_key_cycle_year_seat'))
    )
    op.create_index(op.f('ix_past_terms_name_key'), 'past_terms', ['name_key'])
    op.create_table('roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('pseudonym', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('pledge_accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IN ('committee', 'commission', 'observer', 'secretariat', 'delegate')", name=op.f('ck_roles_role_known')),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_roles_group_id_groups'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pseudonym'], ['people.pseudonym'], name=op.f('fk_roles_pseudonym_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roles')),
    sa.UniqueConstraint('group_id', 'pseudonym', 'role', name=op.f('uq_roles_group_id_pseudonym_role'))
    )
    # NULLs are distinct in a unique constraint: Secretariat roles (no group) need this index.
    op.create_index(
        'uq_roles_pseudonym_role_without_group', 'roles', ['pseudonym', 'role'], unique=True,
        sqlite_where=sa.text('group_id IS NULL'), postgresql_where=sa.text('group_id IS NULL'),
    )
    op.create_table('voters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=64), nullable=False),
    sa.Column('region', sa.String(length=32), nullable=True),
    sa.Column('organisation', sa.LargeBinary(), nullable=True),
    sa.Column('organisation_key', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=True),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('registered', 'pending', 'admitted', 'refused')", name=op.f('ck_voters_status_known')),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_voters_group_id_groups'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pseudonym'], ['people.pseudonym'], name=op.f('fk_voters_pseudonym_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voters')),
    sa.UniqueConstraint('group_id', 'organisation_key', name=op.f('uq_voters_group_id_organisation_key')),
    sa.UniqueConstraint('group_id', 'pseudonym', name=op.f('uq_voters_group_id_pseudonym'))
    )
    # No voter, no timestamp, no sequence: nothing orders ballots or links one to a vote marker.
    op.create_table('ballots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=True),
    sa.Column('receipt', sa.String(length=64), nullable=False),
    sa.Column('open_voter', sa.String(length=64), nullable=True),
    sa.CheckConstraint("status IN ('counted', 'late', 'invalid')", name=op.f('ck_ballots_status_known')),
    sa.ForeignKeyConstraint(['contest_id'], ['contests.id'], name=op.f('fk_ballots_contest_id_contests'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballots')),
    sa.UniqueConstraint('receipt', name=op.f('uq_ballots_receipt')),
    sqlite_with_rowid=False,  # a rowid would record the order of casting
    )
    op.create_index(op.f('ix_ballots_contest_id'), 'ballots', ['contest_id'])
    op.create_table('vote_markers',
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['contests.id'], name=op.f('fk_vote_markers_contest_id_contests'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pseudonym'], ['people.pseudonym'], name=op.f('fk_vote_markers_pseudonym_people')),
    sa.PrimaryKeyConstraint('contest_id', 'pseudonym', name=op.f('pk_vote_markers')),
    sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table('vote_markers')
    op.drop_index(op.f('ix_ballots_contest_id'), table_name='ballots')
    op.drop_table('ballots')
    op.drop_table('voters')
    op.drop_index('uq_roles_pseudonym_role_without_group', table_name='roles')
    op.drop_table('roles')
    op.drop_index(op.f('ix_past_terms_name_key'), table_name='past_terms')
    op.drop_table('past_terms')
    op.drop_table('contests')
    op.drop_table('candidates')
    op.drop_table('groups')
    op.drop_table('people')
    op.drop_table('cycles')
    op.drop_table('audit_log')
