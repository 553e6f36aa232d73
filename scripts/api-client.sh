#!/usr/bin/env bash
# Regenerates the API's C# client used by the tests from the committed OpenAPI document (docs/api/openapi-v1.json),
# with NSwag (dotnet tool NSwag.ConsoleCore 14.8.0). The test ApiDocumentTests fails when the served document and the
# committed one differ: copy the served one (GET /api/v1/openapi.json) over docs/api/openapi-v1.json, then run this.
set -euo pipefail
cd "$(dirname "$0")/.."
nswag=${NSWAG:-$HOME/.dotnet/tools/nswag}
[ -x "$nswag" ] || dotnet tool install -g NSwag.ConsoleCore --version 14.8.0
"$nswag" openapi2csclient /input:docs/api/openapi-v1.json /output:tests/Section11.Web.Tests/Api/Generated/Section11ApiClient.cs \
  /namespace:Section11.Web.Tests.Api.Generated /classname:Section11ApiClient /jsonLibrary:SystemTextJson \
  /generateExceptionClasses:true /useBaseUrl:false /generateClientInterfaces:false
