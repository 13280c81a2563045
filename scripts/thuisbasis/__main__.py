from thuisbasis.cli import main

raise SystemExit(main())
