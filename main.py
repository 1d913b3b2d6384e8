"""Anatomy and fascia explorer. `python main.py --help` lists the commands."""
import sys

from explorer.cli import main

if __name__ == "__main__":
    sys.exit(main())
