"""Import speed against its floor (issue 12 item 5): records a second of ``brytupp import`` in
its ways, and plain ``COPY`` of the same rows into the same tables.

    .venv/bin/python bench/import_speed.py --cases 100000 --rounds 2

Writes the synthetic national file of ``bench/national.py`` (``--cases`` cases, or reads
``--file``), then, for each of ``--rounds`` rounds, into a fresh database each time
(``bench_import_speed`` on the server ``DATABASE_URL`` names):

- ``command``: ``brytupp import FILE``;
- ``initial``: ``brytupp import FILE --initial`` into the empty database, the secondary indexes
  and foreign keys built after the load (decision 0032).

Then the floor, on the database the last ordinary import filled: every table the import
wrote is copied out (``COPY … TO``, binary), emptied and copied back in one transaction
(``COPY … FROM``, binary; the foreign keys checked at the commit, as the import's are):
with every index and foreign key in place (the floor of ``brytupp import``), and with the
non-unique indexes and foreign keys dropped first and made again before the commit (the
floor of ``--initial``). Each time is wall time; a command's includes starting Django (about
1.5 s). It prints figures and asserts nothing; see bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import national  # noqa: E402 - the file and the database helpers


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--file", help="an existing file of the format (instead of --cases)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--database", default="bench_import_speed")
    parser.add_argument("--ways", default="command,initial,floor")
    parser.add_argument("--keep", action="store_true", help="keep the database and the file")
    return parser.parse_args()


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    process = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{' '.join(command[:3])} failed:\n{(process.stdout + process.stderr)[-3000:]}")
    return elapsed


def import_way(server: str, name: str, path: Path, way: str) -> float:
    url = national.database_create(server, name)
    command, env = national.brytupp_command(url, "import", str(path))
    if way == "initial":
        command.append("--initial")
    return timed(command, env)


def floor(url: str, directory: Path, *, initial: bool) -> tuple[float, int]:
    """Copy every table the import wrote out, then empty it and copy it back in, timed."""
    import psycopg

    from brytupp.interchange.initial import initial_tables

    tables = initial_tables()
    rows = 0
    with psycopg.connect(url) as connection:
        for table in tables:
            with (
                open(directory / f"{table}.bin", "wb") as out,
                connection.cursor().copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy,
            ):
                for block in copy:
                    out.write(block)
            rows += connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        connection.commit()
        started = time.perf_counter()
        connection.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
        rebuild = _drop(connection, tables) if initial else None
        for table in tables:
            with (
                open(directory / f"{table}.bin", "rb") as source,
                connection.cursor().copy(f'COPY "{table}" FROM STDIN (FORMAT binary)') as copy,
            ):
                while block := source.read(1 << 20):
                    copy.write(block)
        if rebuild is not None:
            connection.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in rebuild:
                connection.execute(statement)
        connection.commit()
        elapsed = time.perf_counter() - started
    return elapsed, rows


def _drop(connection, tables: list[str]) -> list[str]:
    """What ``initial.structures_drop`` drops, dropped here on a psycopg connection."""
    indexes = connection.execute(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index x "
        "WHERE indrelid = ANY (%s::regclass[]) AND NOT indisunique "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
        [tables],
    ).fetchall()
    keys = connection.execute(
        "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE conrelid = ANY (%s::regclass[]) AND contype = 'f'",
        [tables],
    ).fetchall()
    for table, name, _ in keys:
        connection.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    for name, _ in indexes:
        connection.execute(f"DROP INDEX {name}")
    return [definition for _, definition in indexes] + [
        f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}"
        for table, name, definition in keys
    ]


def main() -> None:
    args = parse_args()
    import django

    django.setup()
    from brytupp.embedded import ensure_database_url

    server = os.environ.get("DATABASE_URL") or ensure_database_url()
    ways = args.ways.split(",")
    with tempfile.TemporaryDirectory(dir=ROOT / "var" if (ROOT / "var").is_dir() else None) as temp:
        directory = Path(temp)
        if args.file:
            path = Path(args.file)
            records = sum(1 for line in path.open("rb") if line.strip())
        else:
            path = directory / f"national-{args.cases}.jsonl"
            records = sum(national.file_write(path, args.cases).values())
        print(
            f"bench/import_speed.py: {records:,} records, {path.stat().st_size / 1e6:,.0f} MB; "
            f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        times: dict[str, list[float]] = {}
        for round_ in range(args.rounds):
            for way in [w for w in ways if w != "floor"]:
                seconds = import_way(server, args.database, path, way)
                times.setdefault(way, []).append(seconds)
                print(
                    f"  round {round_ + 1} {way:<8} {seconds:7.1f} s  {records / seconds:8,.0f} "
                    f"records/s  (load {os.getloadavg()[0]:.1f})",
                    flush=True,
                )
        if "floor" in ways:
            url = national.database_create(server, args.database)
            timed(*national.brytupp_command(url, "import", str(path)))
            for round_ in range(args.rounds):
                for initial in (False, True):
                    seconds, rows = floor(url, directory, initial=initial)
                    way = "floor-initial" if initial else "floor"
                    times.setdefault(way, []).append(seconds)
                    print(
                        f"  round {round_ + 1} {way:<13} {seconds:7.1f} s  {records / seconds:8,.0f} "
                        f"records/s  ({rows:,} rows; load {os.getloadavg()[0]:.1f})",
                        flush=True,
                    )
        print("median:")
        for way, values in times.items():
            median = statistics.median(values)
            print(f"  {way:<13} {median:7.1f} s  {records / median:8,.0f} records/s")
        if not args.keep:
            national.database_drop(server, args.database)
        elif not args.file:
            kept = ROOT / "var" / path.name
            path.replace(kept)
            print(f"file kept: {kept}")


if __name__ == "__main__":
    main()
