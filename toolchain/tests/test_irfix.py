"""The IR fix-up: variable-length and long memory intrinsics become syscalls, nothing else
moves."""

from sbfbuild.irfix import fix_memory_intrinsics

IR = """\
define void @f(ptr %d, ptr %s, i64 %n) {
  tail call void @llvm.memcpy.p0.p0.i64(ptr nonnull align 1 %d, ptr align 1 %s, i64 %n, \
i1 false), !noalias !3
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr nonnull align 8 %d, i8 -85, i64 %n, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 32, i1 false)
  call void @llvm.memset.p0.i64(ptr align 8 %d, i8 0, i64 512, i1 false)
  ret void
}
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
"""


def test_variable_lengths_become_syscalls() -> None:
    fixed, count = fix_memory_intrinsics(IR)
    assert count == 4
    assert "tail call void @sol_memcpy_(ptr %d, ptr %s, i64 %n)\n" in fixed
    assert "call void @sol_memmove_(ptr %d, ptr %s, i64 %n)\n" in fixed
    assert "call void @sol_memset_(ptr %d, i8 -85, i64 %n)\n" in fixed
    assert fixed.count("declare void @sol_memcpy_(ptr, ptr, i64)") == 1
    assert fixed.count("declare void @sol_memset_(ptr, i8, i64)") == 1


def test_short_constant_lengths_stay_for_llc() -> None:
    fixed, _ = fix_memory_intrinsics(IR)
    assert "@llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 32, i1 false)" in fixed


def test_long_constant_lengths_become_syscalls() -> None:
    fixed, _ = fix_memory_intrinsics(IR)
    assert "call void @sol_memset_(ptr %d, i8 0, i64 512)\n" in fixed
    assert "i64 512, i1 false" not in fixed


def test_ir_without_intrinsics_is_unchanged() -> None:
    ir = "define i64 @g() {\n  ret i64 0\n}\n"
    assert fix_memory_intrinsics(ir) == (ir, 0)
