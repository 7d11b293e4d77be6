"""`python -m bot --framework ptb|aiogram`: the same as `saylau run`."""

from admin_cli.run import run

if __name__ == "__main__":
    import typer

    typer.run(run)
