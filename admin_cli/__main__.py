"""`python -m admin_cli`: the same as the `saylau` command."""

from admin_cli.main import main

main()
