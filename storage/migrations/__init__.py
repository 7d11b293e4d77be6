"""Alembic migrations of the Saylau schema (a package so that installs include them)."""
