"""Settings: ``base`` holds everything, ``production`` insists on the environment,
``demo`` and ``test`` fill in what a laptop lacks."""
