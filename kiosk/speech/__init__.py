"""Read-aloud's speech engine in a process of its own.

A speech engine can block forever inside its own calls (libspeechd waiting on a
speech-dispatcher that never answers), and while a Qt call blocks, Python's lock is held: no
thread of the kiosk would run. So the engine lives in a small separate process, the speech
host (:mod:`kiosk.speech.host`), which the kiosk starts with :mod:`kiosk.speech.process` and
talks to in the line protocol of :mod:`kiosk.speech.protocol`. A host that does not answer is
killed; the kiosk goes on without read-aloud.
"""
