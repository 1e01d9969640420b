// Storage: see ../shared/DESIGN.md.
