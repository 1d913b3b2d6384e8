#!/bin/sh
# Installs the system libraries Qt's xcb platform plugin and VTK's OpenGL need, and for
# `test` also a virtual X server. Debian/Ubuntu only; installs with apt-get when root,
# otherwise prints the command to run. Exits quietly when everything is present.
mode=${1:-runtime}
need=""
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
has_lib libxcb-cursor.so.0 || need="$need libxcb-cursor0"
has_lib libxkbcommon-x11.so.0 || need="$need libxkbcommon-x11-0"
has_lib libEGL.so.1 || need="$need libegl1"
has_lib libGL.so.1 || need="$need libgl1"
has_lib libxcb-icccm.so.4 || need="$need libxcb-icccm4"
has_lib libxcb-keysyms.so.1 || need="$need libxcb-keysyms1"
has_lib libxcb-image.so.0 || need="$need libxcb-image0"
has_lib libxcb-render-util.so.0 || need="$need libxcb-render-util0"
has_lib libxcb-shape.so.0 || need="$need libxcb-shape0"
has_lib libxcb-randr.so.0 || need="$need libxcb-randr0"
has_lib libxcb-xkb.so.1 || need="$need libxcb-xkb1"
has_lib libfontconfig.so.1 || need="$need libfontconfig1"
has_lib libdbus-1.so.3 || need="$need libdbus-1-3"
if [ "$mode" = test ]; then
    command -v Xvfb >/dev/null 2>&1 || need="$need xvfb xauth"
    command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages:$need"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
else
    echo "missing system packages:$need" >&2
    echo "install them with: sudo apt-get install$need" >&2
    exit 1
fi
