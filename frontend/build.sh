#!/usr/bin/env bash
# Rebuilds the vendored static files under src/brytupp/web/static/vendor/ from the pinned
# npm packages. Not needed to run or test Bryt upp: the output is committed.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund
out=../src/brytupp/web/static/vendor
npx sass --pkg-importer=node --style=compressed --no-source-map govuk-frontend.scss "$out/govuk-frontend/govuk-frontend.min.css"
# Without its sourceMappingURL comment: the map is not vendored, and the manifest storage of
# `collectstatic` fails on a reference to a file that is not there.
sed '/^\/\/# sourceMappingURL=/d' node_modules/govuk-frontend/dist/govuk/all.bundle.js \
  >"$out/govuk-frontend/govuk-frontend.bundle.js"
rm -rf "$out/govuk-frontend/assets"
# No fonts or images: the GDS Transport font and the Crown marks are for GOV.UK alone.
printf "GOV.UK Frontend %s, MIT licence, (c) Crown copyright. Source: the npm package govuk-frontend.\n" "$(node -p "require('govuk-frontend/package.json').version")" > "$out/govuk-frontend/NOTICE"
sed '/^\/\/# sourceMappingURL=/d' node_modules/htmx.org/dist/htmx.min.js >"$out/htmx/htmx.min.js"
cp node_modules/htmx.org/LICENSE "$out/htmx/LICENSE"
