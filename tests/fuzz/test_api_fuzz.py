"""Fuzz the REST API from its own description: schemathesis reads ``/openapi.json`` of an
app over a copy of the demo store, generates requests for every operation (valid ones
and, for negative testing, invalid ones) and sends them in-process (ASGI).

Checks on every answer: no 5xx (``not_a_server_error``); the status, content type and
body conform to what the description declares for it; a request the description allows
is accepted (``valid_data_accepted``: the description and the endpoints agree); and an
error answer (4xx) is JSON of the app's error shape, ``{"error": {"code", "message"}}``,
whatever the input.

Bounded to :data:`EXAMPLES` generated cases per operation so that the module runs in
well under a minute; raise it locally (``LAUNDERLENS_FUZZ_EXAMPLES=500``) for a deeper search.

The schema is loaded when the module is imported, as ``schema.parametrize()`` needs it
to make one test per operation; loading it starts the app, whose services build the demo
store (a few seconds at collection, even when these tests are deselected).
``schemathesis.pytest.from_fixture`` would defer that to the test, but it fails under
pytest 9 (it reads ``request.node._nodeid``, which pytest 9 no longer has).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from launderlens.demo import run_demo
from launderlens.store import open_store
from launderlens.web import Settings, create_app
from launderlens.web.services import Services, build_services

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("LAUNDERLENS_FUZZ_EXAMPLES", "25"))


def demo_services(settings: Settings) -> Services:
    """The app's services over the demo corpus, built into ``settings.db`` first."""
    with open_store(str(settings.db)) as store:
        run_demo(store, semantic=False)
    return build_services(settings)


def fuzzed_app() -> Any:
    folder = Path(tempfile.mkdtemp(prefix="launderlens-fuzz-"))
    # Registered before schemathesis registers its own exit handler, which stops the app
    # (closing the store): handlers run last-in first-out, so the folder goes after.
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return create_app(Settings(db=str(folder / "web.db"), semantic=False,
                               kb_dir=folder / "no-user-kb"), builder=demo_services)


schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app())


def error_body_is_json(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 4xx or 5xx answer is ``{"error": {"code": str, "message": str}}`` in JSON,
    also where the description declares no body for that status."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/json"), (
        f"{response.status_code} answered with {content_type!r}, not JSON")
    try:
        body = json.loads(response.content)
    except ValueError as err:
        raise AssertionError(f"{response.status_code} body is not JSON: {err}") from None
    error = body.get("error") if isinstance(body, dict) else None
    assert isinstance(error, dict) and isinstance(error.get("code"), str) and \
        isinstance(error.get("message"), str), f"not the error shape: {body!r:.300}"
    return True


def valid_data_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """A request that follows the description is accepted (schemathesis's ST202), except
    a 422 ``unusable_input`` on an operation whose described 422 names that code: the
    content cannot be used (a PNG sent to be analysed), which no schema can say."""
    if response.status_code == 422:
        documented = case.operation.definition.raw.get("responses", {}).get("422", {})
        try:
            code = json.loads(response.content)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = None
        if code == "unusable_input" and code in documented.get("description", ""):
            return True
    return positive_data_acceptance(ctx, response, case)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, valid_data_accepted, error_body_is_json]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          # Each case is a whole request through the app; some (an analysis) take a while.
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_api_answers_as_described(case: Any) -> None:
    response = case.call()
    case.validate_response(response, checks=CHECKS)


def test_fuzz_suite_sees_every_operation() -> None:
    """The fuzzer reaches every documented operation: one the description drops would
    go untested without a sound."""
    names = {f"{op.ok().method.upper()} {op.ok().path}" for op in schema.get_all_operations()}
    expected = {"POST /api/analyze", "POST /api/compare", "POST /api/ingest",
                "GET /api/articles", "GET /api/articles/{article_id}",
                "GET /api/articles/{article_id}/report", "GET /api/stories",
                "GET /api/stories/{story_id}", "GET /api/stories/{story_id}/report",
                "GET /api/narratives", "POST /api/narratives/import"}
    assert expected <= names, sorted(expected - names)
