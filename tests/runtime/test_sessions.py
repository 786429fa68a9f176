"""Several sessions at once: Session in each process, other sessions' storage, privileges, ending."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from fourd.runtime import processes as P
from fourd.runtime.values import UNDEFINED

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def rt(run):
    yield run
    runtime = run.runtime
    for process in runtime.manager.live():
        if process is not runtime.main_process:
            P.request_abort(process)
    runtime.finish(timeout=5)


def run_in_session(runtime, session, source: str, args: list | None = None, name: str = "client"):
    """Run ``source`` in a new process of ``session`` on its own thread; its result."""
    box: dict = {}

    def body() -> None:
        process = runtime.new_process(name, session)
        runtime.bind_thread(process)
        try:
            box["value"] = runtime.run_source(source, "<test>", args or [])
        except Exception as exc:  # reported by the assertion below
            box["error"] = exc
        finally:
            runtime.manager.end(process)

    thread = threading.Thread(target=body)
    thread.start()
    thread.join(10)
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_each_process_sees_its_own_session(rt):
    runtime = rt.runtime
    a = runtime.open_session("remote", "alice")
    b = runtime.open_session("web")
    assert run_in_session(runtime, a, "return Session.id") == a.id
    assert run_in_session(runtime, b, "return Session.info.type") == "web"
    assert rt.value("Session.id") == runtime.main_session.id
    assert rt.value("Session.info.type") == "standalone"


def test_new_process_belongs_to_the_session_of_its_creator(rt):
    runtime = rt.runtime
    runtime.methods.add_source("Who", "Use (Storage)\nStorage.who:=Session.id\nEnd use")
    a = runtime.open_session("remote", "alice")
    run_in_session(runtime, a, 'New process("Who"; 0; "who")')
    assert runtime.finish(timeout=5)
    assert rt.value("Storage.who") == a.id


def test_session_storage_of_another_session(rt):
    runtime = rt.runtime
    b = runtime.open_session("remote", "bob")
    run_in_session(runtime, b, 'Use (Session.storage)\nSession.storage.color:="blue"\nEnd use')
    assert rt.value(f'Session storage("{b.id}").color') == "blue"
    assert rt.value(f'Session storage("{b.id.lower()}").color') == "blue"
    assert rt.value('Session storage("nope")') is None


def test_an_ended_session_gives_null(rt):
    runtime = rt.runtime
    b = runtime.open_session("remote", "bob")
    assert rt.value(f'Session storage("{b.id}")') is not None
    runtime.end_session(b)
    assert rt.value(f'Session storage("{b.id}")') is None
    assert rt.value(f'Session info("{b.id}")') is None
    assert rt.value(f'Process activity("{b.id}")') is None


def test_sessions_end_after_their_idle_timeout(rt):
    runtime = rt.runtime
    now = [1000.0]
    runtime.sessions.clock = lambda: now[0]
    web = runtime.open_session("web")
    remote = runtime.open_session("remote", "carol", idle_minutes=5)
    web.touch()
    remote.touch()
    assert rt.value(f'Session storage("{web.id}")') is not None
    now[0] += 6 * 60
    assert rt.value(f'Session storage("{remote.id}")') is None
    assert rt.value(f'Session storage("{web.id}")') is not None  # 60 minutes by default
    now[0] += 60 * 60
    assert rt.value(f'Session storage("{web.id}")') is None
    assert rt.value(f'Session storage("{runtime.main_session.id}")') is not None  # no timeout


def test_a_session_with_a_running_process_is_not_idle(rt):
    runtime = rt.runtime
    now = [0.0]
    runtime.sessions.clock = lambda: now[0]
    web = runtime.open_session("web")
    runtime.methods.add_source("Hold", "#DECLARE($s : 4D.Signal)\n$s.wait(5)")
    signal = run_in_session(runtime, web, 'var $s:=New signal\nNew process("Hold"; 0; "hold"; $s)\nreturn $s')
    now[0] += 2 * 3600
    assert rt.value(f'Session storage("{web.id}")') is not None
    signal.trigger()
    assert runtime.finish(timeout=5)
    now[0] += 2 * 3600
    assert rt.value(f'Session storage("{web.id}")') is None


def test_web_idle_timeout_is_at_least_60_minutes(rt):
    runtime = rt.runtime
    web = runtime.open_session("web")
    assert run_in_session(runtime, web, "Session.idleTimeout:=10\nreturn Session.idleTimeout") == 60
    assert run_in_session(runtime, web, "Session.idleTimeout:=90\nreturn Session.idleTimeout") == 90
    assert rt.value("Session.idleTimeout") is UNDEFINED  # web sessions only


def test_desktop_privileges(rt):
    result = rt(
        """
$a:=Session.isGuest()
$set:=Session.setPrivileges("read, write")
$has:=Session.hasPrivilege("write")
$list:=Session.getPrivileges()
Session.setPrivileges(New collection("admin"))
$has2:=Session.hasPrivilege("write")
Session.setPrivileges(New object("privileges"; "viewer"; "userName"; "someone"))
$list2:=Session.getPrivileges()
$cleared:=Session.clearPrivileges()
return New collection($a; $set; $has; $list; $has2; $list2; $cleared; Session.getPrivileges().length; Session.userName)
"""
    )
    guest, set_ok, has, names, has2, names2, cleared, left, user = result.items
    assert guest is False  # always False for desktop sessions
    assert set_ok is True and has is True
    assert names.items == ["read", "write"]
    assert has2 is False  # setPrivileges replaces
    assert names2.items == ["viewer"]
    assert cleared is True and left == 0
    assert user == "Designer"  # userName is read-only in desktop sessions


def test_web_session_guest_and_user_name(rt):
    runtime = rt.runtime
    web = runtime.open_session("web")
    result = run_in_session(
        runtime,
        web,
        """
$before:=Session.isGuest()
Session.setPrivileges(New object("privileges"; New collection("a"); "userName"; "webuser"))
return New collection($before; Session.isGuest(); Session.userName)
""",
    )
    assert result.items == [True, False, "webuser"]


def test_roles_expand_and_unknown_privileges_are_ignored(rt):
    runtime = rt.runtime
    runtime.sessions.set_roles(
        {
            "privileges": [{"privilege": "simple", "includes": []}, {"privilege": "medium", "includes": ["simple"]}],
            "roles": [{"role": "Medium", "privileges": ["medium"]}],
        }
    )
    assert rt('Session.setPrivileges(New object("roles"; "Medium"))\nreturn Session.getPrivileges()').items == [
        "medium",
        "simple",
    ]
    assert rt('Session.setPrivileges("nothing")\nreturn Session.getPrivileges().length') == 0
    assert rt('return Session.promote("undeclared")') == 0


def test_promote_and_demote_are_per_process(rt):
    result = rt(
        """
$id:=Session.promote("super")
$again:=Session.promote("super")
$has:=Session.hasPrivilege("super")
$listed:=Session.getPrivileges().indexOf("super")
Session.demote($id)
return New collection($id; $again; $has; $listed; Session.hasPrivilege("super"))
"""
    )
    promote_id, again, has, listed, after = result.items
    assert promote_id > 0 and again == 0
    assert has is True and listed == -1  # promoted privileges are not listed
    assert after is False
    runtime = rt.runtime
    rt('$id:=Session.promote("super")')
    assert run_in_session(runtime, runtime.main_session, 'return Session.hasPrivilege("super")') is False


def test_process_activity_shapes_and_filters(rt):
    runtime = rt.runtime
    a = runtime.open_session("remote", "alice")
    runtime.methods.add_source("Hold", "#DECLARE($s : 4D.Signal)\n$s.wait(5)")
    signal = run_in_session(runtime, a, 'var $s:=New signal\nNew process("Hold"; 0; "held"; $s)\nreturn $s')
    try:
        everything = rt.value("Process activity")
        names = [p.props["name"] for p in everything.props["processes"].items]
        assert "held" in names and "Main" in names
        assert {s.props["ID"] for s in everything.props["sessions"].items} >= {a.id, runtime.main_session.id}
        held = next(p for p in everything.props["processes"].items if p.props["name"] == "held")
        assert held.props["session"].props["userName"] == "alice"
        assert set(held.props) >= {
            "cpuTime",
            "cpuUsage",
            "creationDateTime",
            "ID",
            "name",
            "number",
            "preemptive",
            "sessionID",
            "state",
            "systemID",
            "type",
            "visible",
        }
        only_a = rt.value(f'Process activity("{a.id}")')
        assert [p.props["name"] for p in only_a.props["processes"].items] == ["held"]
        assert [s.props["ID"] for s in only_a.props["sessions"].items] == [a.id]
        processes_only = rt.value(f'Process activity("{a.id}"; Processes only)')
        assert set(processes_only.props) == {"processes"}
        assert "session" not in processes_only.props["processes"].items[0].props
        sessions_only = rt.value("Process activity(Sessions only)")
        assert set(sessions_only.props) == {"sessions"}
    finally:
        signal.trigger()


def test_session_info_shape(rt):
    info = rt.value("Session info(Session.id)")
    assert set(info.props) == {
        "type",
        "userName",
        "machineName",
        "systemUserName",
        "IPAddress",
        "hostType",
        "creationDateTime",
        "state",
        "ID",
        "persistentID",
    }
    assert info.props["ID"] == rt.value("Session.id")
    assert rt.runtime.open_session("remote").info().props["persistentID"] != ""


def test_stored_procedures_share_one_session(rt):
    runtime = rt.runtime
    runtime.methods.add_source("Where", "Session.storage.ids.push(Session.id)")
    rt(
        "Use (Storage)\nStorage.x:=0\nEnd use\n"
        "Use (Session.storage)\nSession.storage.ids:=New shared collection\nEnd use"
    )
    numbers = rt('return New collection(Execute on server("Where"; 0; "sp1"); Execute on server("Where"; 0; "sp2"))')
    assert runtime.finish(timeout=5)
    sp = runtime.sessions.stored_procedures()
    assert all(runtime.processes[n].session is sp for n in numbers.items)
    assert rt.value(f"Process info({numbers.items[0]}).type") == P.TYPE_EXECUTE_ON_SERVER


ON_SERVER = """//%attributes = {"executedOnServer":true}
#DECLARE() -> $r : Object
vServerCalls:=Num(vServerCalls)+1
$r:=New object("process"; Current process; "session"; Session.id; "calls"; vServerCalls)
"""


def test_executed_on_server_runs_in_the_twin_process_of_a_remote_client(rt):
    runtime = rt.runtime
    runtime.methods.add_source("OnServer", ON_SERVER)
    a = runtime.open_session("remote", "alice")
    result = run_in_session(
        runtime,
        a,
        "vServerCalls:=100\n$one:=OnServer\n$two:=OnServer\n"
        "return New collection(Current process; $one; $two; vServerCalls)",
    )
    client, one, two, client_var = result.items
    assert one.props["session"] == a.id
    assert one.props["process"] != client  # the twin process on the server side
    assert one.props["process"] == two.props["process"]
    assert [one.props["calls"], two.props["calls"]] == [1, 2]  # the twin keeps its own variables
    assert client_var == 100
    twin = runtime.processes[one.props["process"]]
    assert twin.twin_of is runtime.processes[client]


def test_executed_on_server_runs_in_place_in_single_user(rt):
    rt.runtime.methods.add_source("OnServer", ON_SERVER)
    result = rt("vServerCalls:=100\n$r:=OnServer\nreturn New collection(Current process; $r.process; $r.calls)")
    assert result.items == [1, 1, 101]


def test_seed_method_from_two_sessions_changing_each_others_storage(rt):
    runtime = rt.runtime
    runtime.methods.add_folder(EXAMPLES)
    a = runtime.open_session("remote", "alice")
    b = runtime.open_session("remote", "bob")
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def client(mine, other, label: str) -> None:
        process = runtime.new_process(label, mine)
        runtime.bind_thread(process)
        try:
            barrier.wait()
            for i in range(200):
                runtime.call_method("Set session setting", [other.id, f"{label} {i}"])
            runtime.run_source("Use (Session.storage)\nSession.storage.mark:=Current process name\nEnd use")
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=client, args=(a, b, "from a")),
        threading.Thread(target=client, args=(b, a, "from b")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert b.storage.props["settings"].props["text"] == "from a 199"
    assert a.storage.props["settings"].props["text"] == "from b 199"
    assert a.storage.props["mark"] == "from a" and b.storage.props["mark"] == "from b"
    # the seed method is executedOnServer: it ran in each client's twin, in the client's session
    twins = [p for p in runtime.processes.values() if p.twin_of is not None]
    assert sorted((t.name, t.session.id) for t in twins) == sorted([("from a", a.id), ("from b", b.id)])
    assert rt.value(f'Session storage("{a.id}").settings.text') == "from b 199"


def test_one_time_passcodes_restore_a_web_session_once(rt):
    # SessionClass.md: createOTP gives a token UUID; restore() replaces the current web session
    # by the token's, once; desktop tokens live 10 seconds; an expired token is refused.
    runtime = rt.runtime
    now = [1000.0]
    runtime.sessions.clock = lambda: now[0]
    original = runtime.open_session("web")
    token = run_in_session(
        runtime, original, "Use (Session.storage)\nSession.storage.cart:=3\nEnd use\nreturn Session.createOTP(60)"
    )
    assert len(token) == 32
    other = runtime.open_session("web")
    code = '#DECLARE($t : Text) : Text\n$ok:=Session.restore($t)\nreturn String($ok)+" "+String(Session.storage.cart)'
    assert run_in_session(runtime, other, code, [token]) == "True 3"
    assert run_in_session(runtime, other, code, [token]).startswith("False")  # used once
    late = run_in_session(runtime, original, "return Session.createOTP(60)")
    now[0] += 61
    assert run_in_session(runtime, other, code, [late]).startswith("False")  # expired
    desktop = rt.value("Session.createOTP()")
    assert rt(f'return Session.restore("{desktop}")') is False  # restore is for web sessions
