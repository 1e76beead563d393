"""The examples in the docstrings of the models of lessons 04-08 run and
give what they say; every public function has one."""

from __future__ import annotations

import doctest
import inspect

import pytest

from natodebate.models import bargaining, credibility, escalation, forecasts, hypotheses

MODULES = [credibility, bargaining, escalation, hypotheses, forecasts]
DATA_ONLY = {"hypotheses.hypotheses", "hypotheses.evidence", "hypotheses.ratings", "forecasts.hedge_bands",
             "forecasts.propositions", "forecasts.scored_propositions", "forecasts.published_forecasts",
             "credibility.likelihood_ratio"}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_public_function_has_a_docstring_with_an_example(module):
    for name in module.__all__:
        thing = getattr(module, name)
        if not inspect.isfunction(thing):
            continue
        short = f"{module.__name__.rsplit('.', 1)[-1]}.{name}"
        assert thing.__doc__, short
        if short not in DATA_ONLY:
            assert ">>>" in thing.__doc__, f"{short} has no example"
