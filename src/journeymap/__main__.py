"""`python -m journeymap` runs the command line."""

from journeymap.cli import main

main()
