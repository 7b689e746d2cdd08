from brytupp.cli import main

main()
