"""Command line: ``python -m koperasi_data COMMAND``."""

from koperasi_data.cli import main

raise SystemExit(main())
