"""One MetaData for all tables, with constraint names fixed for stable migrations."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, MetaData, String

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

PSEUDONYM = String(64)  # hex HMAC-SHA256
HASH = String(64)  # hex SHA-256


def enum_column(name: str, nullable: bool = False) -> Column[str]:
    """Store an enum as its plain string value (portable, readable in a SQL shell)."""
    return Column(name, String(16), nullable=nullable)


def one_of(column: str, enum: type[StrEnum]) -> CheckConstraint:
    """Let the database refuse a value the enum does not know."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_known")
