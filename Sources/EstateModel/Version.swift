/// The EstateSim release, as `estate-sim --version` prints it and run manifests record it.
public let estateSimVersion = "0.1.0"
