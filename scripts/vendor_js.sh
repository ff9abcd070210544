#!/bin/sh
# Vendor the browser libraries of the web views into kg/data/vendor/ (run at development time;
# nothing is fetched at run time). It installs the pinned npm packages into a temporary folder
# and copies only the built, minified files the pages load. To update a library: change its
# version below, run `sh scripts/vendor_js.sh`, check the views (pytest tests/test_views_*.py
# tests/test_yasgui.py) and record the new version in kg/data/vendor/README.md.
set -eu

YASGUI=@zazuko/yasgui@4.6.2      # MIT: SPARQL editor (YASQE) and results (YASR)
LEAFLET=leaflet@1.9.4            # BSD-2-Clause: the map
TOPOJSON=topojson-client@3.1.0   # ISC: TopoJSON -> GeoJSON for the country outlines
ATLAS=world-atlas@2.0.2          # ISC code; Natural Earth data, public domain: 1:110m countries

here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/kg/data/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact "$YASGUI" "$LEAFLET" "$TOPOJSON" "$ATLAS" >/dev/null
m="$tmp/node_modules"

rm -rf "$dest/yasgui" "$dest/leaflet" "$dest/topojson-client" "$dest/world-atlas"
mkdir -p "$dest/yasgui" "$dest/leaflet" "$dest/topojson-client" "$dest/world-atlas"
cp "$m/@zazuko/yasgui/build/yasgui.min.js" "$m/@zazuko/yasgui/build/yasgui.min.css" "$dest/yasgui/"
# the npm package of @zazuko/yasgui carries no LICENSE file; its package.json says MIT
node -e 'const p=require(process.argv[1]);console.log(`${p.name} ${p.version}: ${p.license} licence (${p.homepage}); Copyright Triply and Zazuko GmbH`)' \
    "$m/@zazuko/yasgui/package.json" > "$dest/yasgui/LICENSE"
cp "$m/leaflet/dist/leaflet.js" "$m/leaflet/dist/leaflet.css" "$m/leaflet/LICENSE" "$dest/leaflet/"
cp "$m/topojson-client/dist/topojson-client.min.js" "$m/topojson-client/LICENSE" "$dest/topojson-client/"
cp "$m/world-atlas/countries-110m.json" "$m/world-atlas/LICENSE" "$dest/world-atlas/"
# the source maps are left out: the files stay small and no page asks for them
for f in "$dest/yasgui/yasgui.min.js" "$dest/leaflet/leaflet.js" "$dest/topojson-client/topojson-client.min.js"; do
    sed -i -e 's|^//# sourceMappingURL=.*$||' "$f"
done
sed -i -e 's|/\*# sourceMappingURL=[^*]*\*/||' "$dest/yasgui/yasgui.min.css" "$dest/leaflet/leaflet.css"

node -e '
for (const n of process.argv.slice(1)) { const p = require(n + "/package.json"); console.log(`${p.name} ${p.version} ${p.license}`); }' \
    "$m/@zazuko/yasgui" "$m/leaflet" "$m/topojson-client" "$m/world-atlas"
du -sh "$dest"/*/ | sed "s|$here/||"
