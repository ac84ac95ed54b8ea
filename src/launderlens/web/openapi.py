"""The app's routes in; its OpenAPI description out, with the request bodies that FastAPI
cannot derive and the error answers as this app really writes them.

Endpoints that take either JSON or a multipart upload read the body themselves, so their
request bodies are declared here (:func:`request_body`) and the models they name added
to ``components``. FastAPI documents every 422 as its own validation-error shape; this
app answers every error as :class:`~launderlens.web.schemas.ErrorOut`, so the description
says that instead, and a client (or a schema-driven fuzzer) can rely on it. A 422 says
which codes it carries: ``invalid_request`` everywhere, and ``unusable_input`` only on the
operations that read what they are sent and may find nothing usable in a request that
follows the description (a PNG sent to be analysed).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .. import __version__
from .schemas import INVALID_422, ErrorOut

__all__ = ["install_openapi", "request_body"]

_REF = "#/components/schemas/{model}"
_BODY_MODELS: dict[str, type[BaseModel]] = {}
_DESCRIPTION = (
    "Expose laundered news: analyse articles, compare a copy with its source, browse "
    "stories and known narratives. Errors are JSON: {\"error\": {\"code\", \"message\"}}. "
    "When the server has a token, send it as `Authorization: Bearer TOKEN`."
)


def request_body(json_model: type[BaseModel] | None = None,
                 form_model: type[BaseModel] | None = None) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads its body itself: JSON as ``json_model``,
    a multipart form as ``form_model``, or either."""
    content: dict[str, Any] = {}
    for media, model in (("application/json", json_model),
                         ("multipart/form-data", form_model)):
        if model is not None:
            _BODY_MODELS[model.__name__] = model
            content[media] = {"schema": {"$ref": _REF.format(model=model.__name__)}}
    return {"requestBody": {"required": True, "content": content}}


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": _REF.format(model="ErrorOut")}}}}


def build_openapi(app: FastAPI, *, bearer: bool) -> dict[str, Any]:
    schema = get_openapi(title="launderlens", version=__version__, description=_DESCRIPTION,
                         routes=app.routes)
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    models: list[type[BaseModel]] = [*_BODY_MODELS.values(), ErrorOut]
    _, defs = models_json_schema([(m, "validation") for m in models], ref_template=_REF)
    for name, definition in defs.get("$defs", {}).items():
        schemas.setdefault(name, definition)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.get("responses", {})
            if "422" in responses:
                # FastAPI adds its own 422 ("Validation Error") to routes with parameters;
                # a route that documents its 422 itself keeps its description.
                described = responses["422"].get("description")
                responses["422"] = _error_response(
                    INVALID_422 if described in (None, "Validation Error") else described)
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    if bearer:
        components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        schema["security"] = [{"bearer": []}]
    return schema


def install_openapi(app: FastAPI, *, bearer: bool) -> None:
    """Make ``app.openapi()`` return :func:`build_openapi`'s description (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app, bearer=bearer)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
