import sys

if sys.argv[1:2] == ["--speech-host"]:
    # The kiosk's own speech engine process (kiosk/speech/process.py starts it; in the bundle the
    # kiosk executable is the only Python there is). Dispatched before the command line and the
    # kiosk's modules are imported: the host needs Qt Core and QtTextToSpeech only.
    from kiosk.speech.host import main as speech_host

    sys.exit(speech_host(sys.argv[2:]))

from kiosk.cli import main

sys.exit(main())
