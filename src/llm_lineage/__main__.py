"""``python -m llm_lineage`` runs the ``lineage`` command."""

from .cli import main

main()
