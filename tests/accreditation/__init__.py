"""The accreditation area's tests: services, xlsx, the packet, CLI and GUI."""
