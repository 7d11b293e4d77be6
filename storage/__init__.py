"""Storage behind the ports of core.ports: SQLAlchemy 2 async tables, repositories, migrations."""
