#!/usr/bin/env bash
# Builds a release a service can run without a Swift toolchain:
#   scripts/release.sh OUT-FOLDER
# makes OUT-FOLDER/waymark-<version>-linux-<arch>.tar.gz, holding
#   waymark-<version>/bin/waymark                 the program, with the Swift runtime and Foundation linked in
#   waymark-<version>/share/waymark/Templates/    Waymark's own templates (a site's Templates/ overrides them)
#   waymark-<version>/share/waymark/starter/      the content `waymark init` starts a site with
#   waymark-<version>/README.md, LICENSE (if any)
# At run time the program needs only Debian's libcmark-gfm0.29.0.gfm.6 and libcmark-gfm-extensions0.29.0.gfm.6
# (`apt-get install libcmark-gfm-extensions-dev`, or the two runtime packages), and Chromium for PDFs.
# Then it checks the tarball the way a service would use it: unpacked outside the checkout, `ldd`
# lists no Swift library, and the binary inits, checks and builds a site.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:?usage: scripts/release.sh OUT-FOLDER}")
mkdir -p "$out"
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/WaymarkCore/Build/Version.swift)
arch=$(uname -m)
name="waymark-$version"

# A build directory of its own: the static runtime must not mix with the everyday .build/.
swift build -c release --product waymark --static-swift-stdlib --scratch-path .build-release
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/bin" "$stage/$name/share/waymark"
cp .build-release/release/waymark "$stage/$name/bin/"
strip "$stage/$name/bin/waymark" 2>/dev/null || true
cp -R Templates "$stage/$name/share/waymark/Templates"
cp -R Content "$stage/$name/share/waymark/starter"
rm -rf "$stage/$name/share/waymark/starter/translations"
cp README.md "$stage/$name/"
[ -f LICENSE ] && cp LICENSE "$stage/$name/"
tarball="$out/$name-linux-$arch.tar.gz"
# Same input, same bytes: fixed order, owner and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00:00' -C "$stage" -cf - "$name" | gzip -n > "$tarball"
echo "release: $tarball ($(du -h "$tarball" | cut -f1))"

# The check a service would make, away from the checkout.
try=$(mktemp -d)
trap 'rm -rf "$stage" "$try"' EXIT
tar -xzf "$tarball" -C "$try"
binary="$try/$name/bin/waymark"
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime'; then
  echo "release: the binary still needs the Swift runtime (above)" >&2; exit 1
fi
echo "release: ldd lists no Swift runtime library:"
ldd "$binary" | sed 's/^/  /'
"$binary" --version
(cd "$try" && env -u WAYMARK_HOME "$binary" init newsite --name "A test service" > /dev/null \
  && cd newsite && "$binary" check > /dev/null && "$binary" build > /dev/null && test -f Public/index.html)
echo "release: the unpacked binary inits, checks and builds a site outside the checkout"
