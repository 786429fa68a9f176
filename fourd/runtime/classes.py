"""User classes (``cs``), built-in classes (``4D``) and the instances they make.

A class file ``Classes/Name.4dm`` is parsed and compiled the first time the
class is used.  Its class object (:class:`Class4D`) is what ``cs.Name`` returns:
``.new()``, ``.name``, ``.superclass``, ``.isShared``, ``.isSingleton``, ``.me``…
Instances are plain :class:`Object4D` whose ``cls`` slot points to their class;
``fourd.runtime.objects`` asks the class for what the object does not hold
itself (computed properties, functions) through the instance protocol:
``get_instance_member``, ``set_instance_member`` and ``call_instance_member``.

Built-in classes live in one registry, :data:`BUILTIN_CLASSES`;
:func:`register_builtin_class` adds one (``4D.File``…) with the Python type of
its instances, so that ``OB Class`` and ``OB Instance of`` know them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..syntax import ast
from .errors import FourDError, error
from .formulas import Function4D
from .frame import Code, Frame, reads_arguments
from .objects import BuiltinObject
from .shared import make_shared, prepare_stored_value, using
from .types import canonical, coerce, default_value
from .values import UNDEFINED, Collection4D, Object4D, type_name


class Member:
    """A compiled class function, getter or setter, and whether it is ``shared``."""

    __slots__ = ("code", "shared", "owner", "runtime", "call")

    def __init__(self, code: Code, shared: bool, owner: Class4D):
        self.code = code
        self.shared = shared
        self.owner = owner
        self.runtime = owner.library.runtime if owner.library is not None else None
        # call(args, process, this, caller): what generated code calls for `$obj.function(…)`
        self.call = self.runtime.call_of(code) if self.runtime is not None else None


NO_ACCESSORS: tuple[None, None] = (None, None)  # a name with neither getter nor setter


class Class4D(BuiltinObject):
    """A class object (``cs.Name`` or ``4D.Name``): a shared, read-only object of class "Class"."""

    class_name = "Class"
    shareable = True  # class objects are shared objects (classes.md, "Class object")

    def __init__(self, name: str, store: str, library: ClassLibrary | None = None):
        self.name = name
        self.store = store  # "cs" or "4D"
        self.library = library
        self.loaded = library is None
        self.superclass: Class4D | None = None
        self.constructor: Code | None = None
        self.functions: dict[str, Member] = {}
        self.getters: dict[str, Member] = {}
        self.setters: dict[str, Member] = {}
        self.properties: list[tuple[str, str | None, Code | None]] = []  # name, declared type, initializer
        self.is_shared = False
        self.is_singleton = False
        self.is_session_singleton = False
        self._singletons: dict[Any, Object4D] = {}
        self._singleton_lock = threading.RLock()
        # Lookups along the inheritance chain, by name, filled on first use (a loaded class never changes);
        # generated code reads them directly (codegen.py).  NO_ACCESSORS marks a plain property.
        self.function_cache: dict[str, Member | None] = {}
        self.call_cache: dict[str, Any] = {}  # name -> Member.call of a function that is not `shared`
        self.accessor_cache: dict[str, tuple[Member | None, Member | None]] = {}
        self.plain: set[str] = set()  # names found in accessor_cache as NO_ACCESSORS (a set test is cheaper)

    # -- loading ---------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if not self.loaded:
            assert self.library is not None
            self.library.load(self)

    def ancestors(self) -> list[Class4D]:
        """This class, its superclass, and so on up to ``4D.Object``."""
        out = []
        cls: Class4D | None = self
        while cls is not None:
            cls.ensure_loaded()
            out.append(cls)
            cls = cls.superclass
        return out

    def is_subclass_of(self, other: Class4D) -> bool:
        return any(c is other for c in self.ancestors())

    def needs_super(self) -> bool:
        """True when a superclass has a constructor, which ``Super()`` must run."""
        return any(c.constructor is not None for c in self.ancestors()[1:])

    # -- the class object's own properties -------------------------------------------------
    def get_member(self, name: str) -> Any:
        self.ensure_loaded()
        if name == "name":
            return self.name
        if name == "superclass":
            return self.superclass
        if name == "isShared":
            return self.is_shared
        if name == "isSingleton":
            return self.is_singleton
        if name == "isSessionSingleton":
            return self.is_session_singleton
        if name == "me":
            if not self.is_singleton:
                return UNDEFINED  # ClassClass.md: .me is undefined for other classes
            return self.singleton(None)
        if name == "new":
            return _NewFunction(self)
        return UNDEFINED

    def set_member(self, name: str, value: Any) -> None:
        raise error("null_assign", name=name, got="a read-only Class object")

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        if name == "new":
            return self.new(args, frame)
        raise error("unknown_member", name=name)

    def to_json_4d(self) -> Any:
        return {"name": self.name}

    def to_text_4d(self) -> str:
        return "[object Class]"

    # -- instantiation --------------------------------------------------------------------
    def new(self, args: list[Any], frame: Frame | None = None) -> Any:
        self.ensure_loaded()
        if self.is_singleton:
            return self.singleton(frame, args)
        return self.instantiate(args, frame)

    def singleton(self, frame: Frame | None, args: list[Any] | None = None) -> Object4D:
        """The one instance: per process, per session, or per application (``shared singleton``)."""
        process = frame.process if frame is not None else self._runtime().current_process()
        if self.is_session_singleton:
            key: Any = ("session", process.session.id)
        elif self.is_shared:
            key = "shared"
        else:
            key = ("process", process.number)
        instance = self._singletons.get(key)
        if instance is None:
            with self._singleton_lock:
                instance = self._singletons.get(key)
                if instance is None:
                    instance = self.instantiate(args or [], frame)
                    self._singletons[key] = instance
        return instance

    def instantiate(self, args: list[Any], frame: Frame | None) -> Object4D:
        runtime = self._runtime()
        process = frame.process if frame is not None else runtime.current_process()
        caller = frame if frame is not None else process.frame
        obj = Object4D(cls=self)
        if self.is_shared:
            make_shared(obj)
        # A shared class builds its instance inside Use(This): initializers and constructor may write.
        with using(obj):
            for cls in reversed(self.ancestors()):  # parent's properties first (classes.md, property)
                cls._init_properties(obj, process, caller)
            construct(self, obj, list(args), process, caller)
        return obj

    def _init_properties(self, obj: Object4D, process: Any, caller: Frame | None) -> None:
        if not self.properties:
            return
        runtime = self._runtime()
        for name, type_, init in self.properties:
            if init is None:
                continue  # declared only: added when first assigned (classes.md, property)
            value = runtime.invoke(init, [], process, obj, caller)
            if type_ is not None:
                value = coerce(type_, value, name)
            if obj.shared:
                value = share_value(value, obj)
            obj.props[name] = value

    # -- the instance protocol (used by fourd.runtime.objects) -----------------------------
    def _accessors(self, name: str) -> tuple[Member | None, Member | None]:
        """The getter and setter of computed property ``name``, from the nearest class defining either."""
        found = self.accessor_cache.get(name)
        if found is not None:
            return found
        found = NO_ACCESSORS
        for cls in self.ancestors():
            getter = cls.getters.get(name)
            setter = cls.setters.get(name)
            if getter is not None or setter is not None:
                found = (getter, setter)
                break
        self.accessor_cache[name] = found
        if found is NO_ACCESSORS:
            self.plain.add(name)
        return found

    def find_function(self, name: str) -> Member | None:
        cache = self.function_cache
        if name in cache:
            return cache[name]
        found = None
        for cls in self.ancestors():
            member = cls.functions.get(name)
            if member is not None:
                found = member
                break
        cache[name] = found
        if found is not None and not found.shared and found.call is not None:
            self.call_cache[name] = found.call
            code = found.code
            # "name#n": code.direct (the n declared parameters as Python arguments), for call sites passing n.
            direct = code.direct if found.call is code.call else None
            if direct is not None:
                self.call_cache[f"{name}#{len(code.params)}"] = direct
            # "name/k": the first k parameters are declared Integer, so a generated call site whose k arguments
            # are all whole constants may pass them as ints (what the parameters' coercion would make of them);
            # "name/k#" the same through code.direct when the function has exactly k parameters.
            for k, (_slot, type_) in enumerate(code.params, 1):
                if type_ != "Integer" or reads_arguments(code):  # $1… see the arguments as passed
                    break
                self.call_cache[f"{name}/{k}"] = found.call
                if direct is not None and k == len(code.params):
                    self.call_cache[f"{name}/{k}#"] = direct
        return found

    def forget_lookups(self) -> None:
        """Drop the cached lookups (the class was just (re)built)."""
        self.function_cache.clear()
        self.call_cache.clear()
        self.accessor_cache.clear()
        self.plain.clear()

    def get_instance_member(self, obj: Object4D, name: str) -> Any:
        getter, setter = self._accessors(name)
        if getter is not None:
            return run_member(getter, obj, [], None)
        if setter is not None:
            return UNDEFINED  # a set-only computed property reads as undefined
        member = self.find_function(name)
        if member is not None:
            return ClassFunction(member)
        return UNDEFINED

    def set_instance_member(self, obj: Object4D, name: str, value: Any) -> bool:
        getter, setter = self._accessors(name)
        if setter is not None:
            if value is UNDEFINED and getter is not None:
                # Undefined clears the property but keeps its type: ask the getter for the type.
                current = run_member(getter, obj, [], None)
                value = default_value(type_name(current)) if current is not None else None
            run_member(setter, obj, [value], None)
            return True
        if getter is not None:
            raise error("computed_read_only", name=name)
        return False

    def call_instance_member(self, obj: Object4D, name: str, args: list[Any], frame: Frame) -> Any:
        member = self.function_cache.get(name) or self.find_function(name)
        if member is not None:
            if member.shared and obj.shared or frame is None:
                return run_member(member, obj, list(args), frame)
            # ``args`` is the fresh list objects.call_member got: it becomes the frame's parameters.
            return member.runtime.invoke(member.code, args, frame.process, obj, frame)
        value = self.get_instance_member(obj, name)
        call = getattr(value, "call_with_this", None)
        if call is not None:
            return call(frame, obj, args)
        raise error("unknown_member", name=name)

    def _runtime(self) -> Any:
        if self.library is None:
            raise error("internal", detail=f"the built-in class {self.name} runs no 4D code")
        return self.library.runtime

    def __repr__(self) -> str:
        return f"<class {self.store}.{self.name}>"


class BuiltinClass(Class4D):
    """A class of the ``4D`` store, implemented in Python."""

    def __init__(
        self,
        name: str,
        superclass: BuiltinClass | None,
        python_types: tuple[type, ...] = (),
        new: Callable[[list[Any], Frame | None], Any] | None = None,
        extendable: bool = False,
    ):
        super().__init__(name, "4D")
        self.superclass = superclass
        self.python_types = python_types
        self.factory = new
        self.extendable = extendable  # may a user class extend it? (classes.md: only 4D.Object, ORDA classes)

    def new(self, args: list[Any], frame: Frame | None = None) -> Any:
        if self.factory is None:
            raise error("not_instantiable", name=f"4D.{self.name}")
        return self.factory(args, frame)

    def instantiate(self, args: list[Any], frame: Frame | None) -> Object4D:
        # A user class extending 4D.Object gets plain objects; other built-ins build their own.
        return Object4D()


# -- built-in classes ------------------------------------------------------------------------

BUILTIN_CLASSES: dict[str, BuiltinClass] = {}
_builtin_version = [0]


def register_builtin_class(
    name: str,
    superclass: str | None = "Object",
    python_types: tuple[type, ...] = (),
    new: Callable[[list[Any], Frame | None], Any] | None = None,
    extendable: bool = False,
) -> BuiltinClass:
    """Add ``4D.<name>``: its instances are the Python ``python_types``; ``new(args, frame)`` makes one."""
    parent = BUILTIN_CLASSES[superclass] if superclass else None
    cls = BuiltinClass(name, parent, python_types, new, extendable)
    BUILTIN_CLASSES[name] = cls
    _builtin_version[0] += 1
    return cls


register_builtin_class("Object", None, (Object4D,), new=lambda args, frame: Object4D(), extendable=True)
register_builtin_class("Class", python_types=(Class4D,))
register_builtin_class("Function", python_types=(Function4D,))

# The modules that register the other built-in classes, each next to the Python type of its instances.
# A run imports them when it needs them; the `4D` store and `Class extends 4D.…` need them all.
_BUILTIN_CLASS_MODULES = ("blobobject", "files", "sessions", "signals", "vectors", "ziparchive")


def builtin_classes() -> dict[str, BuiltinClass]:
    """Every built-in class by name (``4D.File``…), their modules imported."""
    import importlib

    for module in _BUILTIN_CLASS_MODULES:
        importlib.import_module(f"{__package__}.{module}")
    return BUILTIN_CLASSES


def class_of(value: Any) -> Class4D | None:
    """``OB Class``: the class of an object, ``None`` for what is not an object."""
    t = type(value)
    if t is Object4D:
        return value.cls if value.cls is not None else BUILTIN_CLASSES["Object"]
    if isinstance(value, BuiltinObject):
        best: BuiltinClass | None = None
        for cls in BUILTIN_CLASSES.values():
            if cls.python_types and isinstance(value, cls.python_types) and cls.name != "Object":
                # The most derived registered type wins (4D.File over 4D.Document).
                if best is None or any(issubclass(p, b) for p in cls.python_types for b in best.python_types):
                    best = cls
        if best is None:
            best = BUILTIN_CLASSES.get(getattr(value, "class_name", ""), None)
        return best or BUILTIN_CLASSES["Object"]
    return None


def instance_of(value: Any, cls: Any) -> bool:
    """``OB Instance of``: ``cls`` must be a class object (-10745)."""
    if not isinstance(cls, Class4D):
        raise error("not_a_class", name="OB Instance of")
    own = class_of(value)
    return own is not None and own.is_subclass_of(cls)


def class_reference(node: ast.Node) -> tuple[str, str] | None:
    """``("cs", "Name")`` when ``node`` is written ``cs.Name`` (or ``4D.Name``), else ``None``."""
    if type(node) is ast.Member and type(node.target) is ast.Name:
        store = node.target.name
        if store.lower() in ("cs", "4d"):
            return ("cs" if store.lower() == "cs" else "4D"), node.name
    return None


def checked_class(read: Callable[[Frame], Any], store: str, name: str) -> Callable[[Frame], Any]:
    """Read ``cs.Name`` for a call on it: a missing class is error -10740, not a call on Undefined.

    (``cs.Name`` read alone stays Undefined, as for any missing property.)
    """

    documented = store == "4D" and name.lower() in DOCUMENTED_4D_CLASSES

    def read_class(f: Frame) -> Any:
        value = read(f)
        if value is UNDEFINED:
            if documented:  # a real 4D class fourd lacks: say so rather than "does not exist"
                raise error("not_implemented", name=f"4D.{name}")
            raise error("unknown_class", store=store, name=name)
        return value

    return read_class


# The classes of the `4D` store the docs describe (API/*Class.md), by lower-case name.
DOCUMENTED_4D_CLASSES = frozenset(
    """blob class collection cryptokey dataclass datastore emailobject entity entityselection file
    filehandle folder function httpagent httprequest imaptransporter incomingmessage mailattachment
    outgoingmessage pop3transporter smtptransporter session signal systemworker tcpconnection tcpevent
    tcplistener udpevent udpsocket vector webform webformitem webserver websocket websocketconnection
    websocketserver ziparchive zipfile zipfolder""".split()
)


def share_value(value: Any, owner: Object4D) -> Any:
    """A property initializer's value made fit for the shared instance ``owner`` (classes.md, property).

    Objects and collections become shared copies in ``owner``'s lock group, as if
    assigned inside ``Use(This)``: a shared function's ``Use(This)`` then covers them.
    Other values (already shared ones too) go through the usual shared-store checks.
    """
    t = type(value)
    if (t is Object4D or t is Collection4D) and not value.shared:
        return _shared_copy(value, owner.group)
    return prepare_stored_value(owner, value)


def _shared_copy(value: Any, group: Any) -> Any:
    t = type(value)
    if t is Object4D and not value.shared:
        copy = Object4D(cls=value.cls)
        copy.props = {k: _shared_copy(v, group) for k, v in value.props.items()}
    elif t is Collection4D and not value.shared:
        copy = Collection4D()
        copy.items = [_shared_copy(v, group) for v in value.items]
    else:
        return value
    copy.shared = True
    copy.group = group
    group.alone = False
    return copy


# -- running class code -------------------------------------------------------------------------


class PendingThis:
    """``This`` in a derived constructor before ``Super()`` ran: using it is error -10743."""

    __slots__ = ("obj", "cls", "done")

    def __init__(self, obj: Object4D, cls: Class4D):
        self.obj = obj
        self.cls = cls
        self.done = False


def run_member(member: Member, obj: Any, args: list[Any], frame: Frame | None) -> Any:
    """Run a function, getter or setter with ``This`` = ``obj``; ``shared`` ones inside Use(This)."""
    runtime = member.runtime or member.owner._runtime()
    process = frame.process if frame is not None else runtime.current_process()
    caller = frame if frame is not None else process.frame
    if member.shared and type(obj) is Object4D and obj.shared:
        with using(obj):
            return runtime.invoke(member.code, list(args), process, obj, caller)
    return runtime.invoke(member.code, list(args), process, obj, caller)


def construct(cls: Class4D, obj: Object4D, args: list[Any], process: Any, caller: Frame | None) -> None:
    """Run the constructor ``cls.new(args)`` reaches: its own, else the nearest inherited one."""
    owner: Class4D | None = cls
    while owner is not None and owner.constructor is None:
        owner = owner.superclass
    if owner is None or isinstance(owner, BuiltinClass):
        return
    runtime = owner._runtime()
    if owner.needs_super():
        pending = PendingThis(obj, owner)
        runtime.invoke(owner.constructor, args, process, pending, caller)
        if not pending.done:
            parent = owner.superclass
            raise error("super_not_called", name=owner.name, parent=parent.name if parent else "")
        return
    runtime.invoke(owner.constructor, args, process, obj, caller)


def frame_class(frame: Frame) -> Class4D | None:
    """The class whose function is running in ``frame`` (``None`` in methods and formulas)."""
    return frame.code.attributes.get("class")


def this_of(frame: Frame) -> Any:
    """``This``: the object the running function works on; Null outside any (this.md)."""
    this = frame.this
    if type(this) is PendingThis:
        if not this.done:
            raise error("this_before_super", name=this.cls.name)
        return this.obj
    return this


def super_construct(frame: Frame, args: list[Any]) -> None:
    """``Super(…)`` in a constructor: run the superclass's constructor on the object being built."""
    this = frame.this
    cls = frame_class(frame)
    if frame.code.kind != "constructor" or cls is None:
        raise error("super_misuse", detail="Super() can only be called in a class constructor")
    if type(this) is not PendingThis:
        if cls.needs_super():
            raise error("super_misuse", detail="the superclass constructor was already called")
        return  # no superclass constructor to run
    if this.done:
        raise error("super_misuse", detail="the superclass constructor was already called")
    parent = cls.superclass
    assert parent is not None
    construct(parent, this.obj, list(args), frame.process, frame)
    this.done = True


class SuperRef(BuiltinObject):
    """``Super`` in a class function: the superclass's functions, called with the current ``This``."""

    def __init__(self, parent: Class4D, this: Any):
        self.parent = parent
        self.this = this

    def get_member(self, name: str) -> Any:
        getter, _setter = self.parent._accessors(name)
        if getter is not None:
            return run_member(getter, self.this, [], None)
        member = self.parent.find_function(name)
        return ClassFunction(member) if member is not None else UNDEFINED

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        member = self.parent.find_function(name)
        if member is None:
            raise error("unknown_member", name=name)
        return run_member(member, self.this, args, frame)


def super_ref(frame: Frame) -> SuperRef:
    cls = frame_class(frame)
    if cls is None:
        raise error("super_misuse", detail="Super can only be used in a class function")
    parent = cls.superclass
    if parent is None:
        raise error("super_misuse", detail=f"the class {cls.name} has no superclass")
    return SuperRef(parent, this_of(frame))


class ClassFunction(Function4D):
    """A class function read as a value (``$f:=$o.getArea``): a 4D.Function to ``.call()`` on an object."""

    def __init__(self, member: Member):
        self.member = member

    def source_text(self) -> str:
        return self.member.code.name

    def call_with_this(self, frame: Frame, this: Any, args: list[Any]) -> Any:
        return run_member(self.member, this, args, frame)


class _NewFunction(Function4D):
    """``cs.Name.new`` read as a value."""

    def __init__(self, cls: Class4D):
        self.cls = cls

    def call_with_this(self, frame: Frame, this: Any, args: list[Any]) -> Any:
        return self.cls.new(args, frame)


# -- the class library (one per project) -------------------------------------------------------------


class ClassLibrary:
    """The user classes of a project (``cs``): ``Classes/*.4dm`` files, compiled on first use."""

    def __init__(self, runtime: Any):
        self.runtime = runtime
        self._sources: dict[str, tuple[str, str]] = {}  # name -> (path, text or "" to read the file)
        self._classes: dict[str, Class4D] = {}
        self._store: Object4D | None = None
        self._builtin_store: tuple[int, Object4D] | None = None
        self._lock = threading.RLock()

    def add_folder(self, folder: Path | str) -> None:
        for path in sorted(Path(folder).glob("*.4dm")):
            self.add_file(path)

    def add_file(self, path: Path | str) -> None:
        path = Path(path)
        self._add(path.stem, str(path), "")

    def add_source(self, name: str, text: str, path: str | None = None) -> None:
        self._add(name, path or f"Classes/{name}.4dm", text)

    def _add(self, name: str, path: str, text: str) -> None:
        # Class names are case sensitive (classes.md): the key is the name as written.
        with self._lock:
            self._sources[name] = (path, text)
            cls = Class4D(name, "cs", self)
            self._classes[name] = cls
            if self._store is not None:
                self._store.props[name] = cls

    def has(self, name: str) -> bool:
        return name in self._sources

    def names(self) -> list[str]:
        return list(self._sources)

    def get(self, name: str) -> Class4D | None:
        return self._classes.get(name)

    def source(self, name: str) -> tuple[str, str]:
        path, text = self._sources[name]
        if not text:
            text = Path(path).read_text(encoding="utf-8-sig")
        return path, text

    def source_by_path(self, path: str) -> str | None:
        for name, (p, _text) in self._sources.items():
            if p == path:
                return self.source(name)[1]
        return None

    def store(self) -> Object4D:
        """``cs``: a shared object whose properties are the class objects."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    store = make_shared(Object4D())
                    store.props = dict(self._classes)
                    self._store = store
        return self._store

    def builtin_store(self) -> Object4D:
        """``4D``: a shared object whose properties are the built-in classes."""
        cached = self._builtin_store
        if cached is None or cached[0] != _builtin_version[0]:
            store = make_shared(Object4D())
            store.props = dict(builtin_classes())
            cached = (_builtin_version[0], store)
            self._builtin_store = cached
        return cached[1]

    # -- compiling a class ---------------------------------------------------------------------
    def load(self, cls: Class4D) -> None:
        # The lock is re-entrant and held while a class builds: other threads wait for a complete
        # class; only the building thread itself comes back here (a circular `Class extends`).
        with self._lock:
            if cls.loaded or getattr(cls, "_building", False):
                return
            path, text = self.source(cls.name)
            methods = self.runtime.methods
            module = methods.parser(text, path, methods.lex_options())  # a project's or `fourd run`'s cache
            cls._building = True
            try:
                _build(self, cls, module, path)
                cls.loaded = True
            finally:
                cls._building = False
                cls.forget_lookups()

    def resolve_parent(self, cls: Class4D, parts: list[str]) -> Class4D:
        """The class named by ``Class extends``: ``Name`` / ``cs.Name`` (user) or ``4D.Name`` (built-in)."""
        label = ".".join(parts)
        if len(parts) == 2 and parts[0].lower() == "4d":
            parent: Class4D | None = builtin_classes().get(parts[1])
        elif len(parts) == 2 and parts[0].lower() == "cs":
            parent = self.get(parts[1])
        elif len(parts) == 1:
            parent = self.get(parts[0]) or builtin_classes().get(parts[0])
        else:
            parent = None
        if parent is None:
            raise error("class_extends", name=cls.name, parent=label, detail="no such class")
        if parent is cls:
            raise error("class_extends", name=cls.name, parent=label, detail="a class cannot extend itself")
        if isinstance(parent, BuiltinClass) and not parent.extendable:
            raise error("class_extends", name=cls.name, parent=label, detail="this built-in class cannot be extended")
        return parent


def _extends_circularly(parent: Class4D, cls: Class4D) -> bool:
    seen = parent
    while seen is not None:
        if seen is cls:
            return True
        seen = seen.superclass
    return False


def _build(library: ClassLibrary, cls: Class4D, module: ast.Module, path: str) -> None:
    """Fill ``cls`` from the parsed class file."""
    from .compiler import Compiler

    runtime = library.runtime
    parent_parts: list[str] | None = None
    constructor: ast.ClassConstructor | None = None
    names: dict[str, str] = {}  # property and function names share one namespace

    def claim(name: str, what: str, line: int) -> None:
        other = names.get(name)
        if other is not None and {other, what} != {"get", "set"}:
            raise _located(
                error("class_definition", name=cls.name, detail=f"'{name}' is defined twice"), cls, path, line
            )
        names[name] = what

    def compile_code(
        label: str, body: list[ast.Node], params: list[ast.Param] | None, result: ast.Param | None, kind: str
    ) -> Code:
        code = Compiler(runtime, label, path).compile_unit(body, params or [], result, kind)
        code.attributes = {"class": cls}
        return code

    for node in module.body:
        if isinstance(node, ast.ClassExtends):
            parent_parts = node.parent
        elif isinstance(node, ast.ClassConstructor):
            if constructor is not None:
                raise _located(
                    error("class_definition", name=cls.name, detail="a class can only have one constructor"),
                    cls,
                    path,
                    node.line,
                )
            constructor = node
        elif isinstance(node, ast.FunctionDef):
            shared = "shared" in node.modifiers
            if node.kind == "get":
                claim(node.name, "get", node.line)
                code = compile_code(f"{cls.name}.get {node.name}", node.body, node.params, node.result, "getter")
                cls.getters[node.name] = Member(code, shared, cls)
            elif node.kind == "set":
                claim(node.name, "set", node.line)
                code = compile_code(f"{cls.name}.set {node.name}", node.body, node.params, node.result, "setter")
                cls.setters[node.name] = Member(code, shared, cls)
            else:
                claim(node.name, "function", node.line)
                code = compile_code(f"{cls.name}.{node.name}", node.body, node.params, node.result, "function")
                cls.functions[node.name] = Member(code, shared, cls)
        elif isinstance(node, ast.PropertyDecl):
            type_ = canonical(node.type.name) if node.type is not None else None
            for name in node.names:
                claim(name, "property", node.line)
                init = None
                if node.value is not None:
                    ret = ast.Return(node.value, line=node.line, column=node.column)
                    init = compile_code(f"{cls.name}.{name}", [ret], [], None, "property")
                cls.properties.append((name, None if type_ == "Variant" else type_, init))
        else:
            detail = "only Class extends, Class constructor, Function and property may appear outside a function"
            raise _located(error("class_definition", name=cls.name, detail=detail), cls, path, node.line)
    if parent_parts is not None:
        cls.superclass = library.resolve_parent(cls, parent_parts)
        cls.superclass.ensure_loaded()
        if _extends_circularly(cls.superclass, cls):
            raise error("class_extends", name=cls.name, parent=".".join(parent_parts), detail="circular inheritance")
    else:
        cls.superclass = BUILTIN_CLASSES["Object"]  # user classes extend 4D.Object by default
    if constructor is not None:
        mods = constructor.modifiers
        cls.constructor = compile_code(
            f"{cls.name}:constructor", constructor.body, constructor.params, None, "constructor"
        )
        cls.is_session_singleton = "session" in mods and "singleton" in mods
        cls.is_singleton = "singleton" in mods
        cls.is_shared = "shared" in mods or cls.is_session_singleton
    elif cls.superclass is not None and not isinstance(cls.superclass, BuiltinClass):
        cls.is_shared = cls.superclass.is_shared  # no constructor: built as the parent builds


def _located(exc: FourDError, cls: Class4D, path: str, line: int) -> FourDError:
    exc.method = cls.name
    exc.path = path
    exc.line = line
    return exc
