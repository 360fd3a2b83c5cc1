// Waymark's version, as `waymark --version` prints it and a release's tarball is named. Raised by
// hand with each release; the CHANGES of a release say what it brings.

public enum WaymarkVersion {
    public static let current = "0.9.0"
}
