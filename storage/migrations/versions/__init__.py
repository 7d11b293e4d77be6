"""Revision files; Alembic loads them by path, not by import."""
