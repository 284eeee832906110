"""GitHub (and Hub) integration: the Action's entry step, the PR comment and its REST client.

``python -m datarecipe_lint.github`` is the entry step action.yml runs; ``datarecipe comment``
(see :mod:`.command`) posts the same comment from any CI system.
"""
