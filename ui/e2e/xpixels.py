#!/usr/bin/env python3
"""Watches a rectangle of the X screen and says when its pixels change.

The app benchmark (ui/e2e/app.measure.ts) uses it to time a keystroke to the
moment the new results are on the screen, as a person would see them, rather
than to the page's next animation frame. It does not poll: the X server's
DAMAGE extension tells it when anything is drawn, and only then does it read
the rectangle back and compare, so that watching costs the X server and the
app next to nothing. Only the standard library: libX11 and libXdamage are
reached through ctypes.

Usage: xpixels.py X Y WIDTH HEIGHT TIMEOUT_MS
Prints "ready" once it holds the current pixels, then one line: "changed
<epoch ms>" when it sees different pixels, or "timeout".
"""

import ctypes
import ctypes.util
import select
import sys
import time

ALL_PLANES = 0xFFFFFFFF
Z_PIXMAP = 2
# DamageReportNonEmpty: one event until the damage is subtracted again.
DAMAGE_REPORT_NON_EMPTY = 3


class XImage(ctypes.Structure):
    # Only the leading fields are read; the struct is always used through a pointer.
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
    ]


def library(name: str) -> ctypes.CDLL:
    found = ctypes.util.find_library(name)
    if not found:
        raise RuntimeError(f"lib{name} not found")
    return ctypes.CDLL(found)


def main() -> int:
    x, y, width, height, timeout_ms = (int(arg) for arg in sys.argv[1:6])
    xlib = library("X11")
    damage = library("Xdamage")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XConnectionNumber.argtypes = [ctypes.c_void_p]
    xlib.XPending.argtypes = [ctypes.c_void_p]
    xlib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XGetImage.restype = ctypes.POINTER(XImage)
    xlib.XGetImage.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_uint,
        ctypes.c_ulong,
        ctypes.c_int,
    ]
    xlib.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
    damage.XDamageQueryExtension.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_int),
    ]
    damage.XDamageCreate.restype = ctypes.c_ulong
    damage.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
    damage.XDamageSubtract.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]

    display = xlib.XOpenDisplay(None)
    if not display:
        print("error: no X display", flush=True)
        return 2
    events, errors = ctypes.c_int(), ctypes.c_int()
    if not damage.XDamageQueryExtension(display, ctypes.byref(events), ctypes.byref(errors)):
        print("error: the X server has no DAMAGE extension", flush=True)
        return 2
    root = xlib.XDefaultRootWindow(display)
    # Drawing anywhere on the screen (the root window and every window on it) is reported.
    watch = damage.XDamageCreate(display, root, DAMAGE_REPORT_NON_EMPTY)
    event = ctypes.create_string_buffer(192)  # an XEvent is 24 longs

    def grab() -> bytes:
        image = xlib.XGetImage(display, root, x, y, width, height, ALL_PLANES, Z_PIXMAP)
        if not image:
            raise RuntimeError("XGetImage failed (rectangle off the screen?)")
        pixels = ctypes.string_at(image.contents.data, image.contents.bytes_per_line * height)
        xlib.XDestroyImage(image)
        return pixels

    xlib.XSync(display, 0)
    before = grab()
    print("ready", flush=True)
    connection = xlib.XConnectionNumber(display)
    deadline = time.monotonic() + timeout_ms / 1000
    while (left := deadline - time.monotonic()) > 0:
        if not xlib.XPending(display):
            select.select([connection], [], [], left)
        while xlib.XPending(display):
            xlib.XNextEvent(display, event)
        # Accept the damage seen so far, so that the next drawing is reported again.
        damage.XDamageSubtract(display, watch, 0, 0)
        if grab() != before:
            print(f"changed {time.time() * 1000:.1f}", flush=True)
            return 0
    print("timeout", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
