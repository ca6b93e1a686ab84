"""``python -m pulumi_aihw`` runs the ``aihw`` command."""

from pulumi_aihw.cli import main

main()
