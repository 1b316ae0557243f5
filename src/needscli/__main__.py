from needscli.cli import main

main()
