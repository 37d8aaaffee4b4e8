"""Measure SQLite, PostgreSQL and MariaDB on this machine for ``data/python-web-databases/``.

Run from the repository root (as root or as an ordinary user; servers run unprivileged)::

    python -m venv /tmp/dbmeasure-venv
    /tmp/dbmeasure-venv/bin/pip install "psycopg[binary]" pymysql
    apt-get install -y postgresql mariadb-server      # Debian 12: PostgreSQL 15, MariaDB 10.11
    /tmp/dbmeasure-venv/bin/python -m tools.databases --out data/evidence/database-measurements.csv

The drivers are needed only for this tool, so they are not project dependencies. Every server is
started by hand in a temporary directory (PostgreSQL on a unix socket, MariaDB with
``--skip-networking`` on a unix socket), never through the system's service manager, and is
stopped again at the end. ``core`` holds the pure parts (dpkg status parsing, the dependency
closure, summaries, CSV rows), ``servers`` starts and stops the servers, ``workload`` runs the
concurrent-write test. The file's columns and measures: ``data/evidence/README.md``.
"""
