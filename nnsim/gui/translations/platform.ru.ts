<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>NoConsole</name>
    <message>
        <location filename="../util/no_console.py" line="+30"/>
        <source>This nnsim opens the window and cannot print to a console.</source>
        <translation>Эта программа nnsim открывает окно и не может печатать в консоль.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For the command-line tools run nnsim-cli, from the same folder, in a terminal (Command Prompt or PowerShell on Windows, Terminal on macOS):

{command}</source>
        <translation>Для работы из командной строки запустите nnsim-cli из той же папки в терминале (командная строка или PowerShell в Windows, «Терминал» в macOS):

{command}</translation>
    </message>
</context>
</TS>
