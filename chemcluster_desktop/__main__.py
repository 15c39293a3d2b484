from chemcluster_desktop.cli import main

raise SystemExit(main())
