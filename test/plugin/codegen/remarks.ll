; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s -o /dev/null -pass-remarks=bpf-nocsr 2>&1 | FileCheck %s
; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s -o /dev/null -pass-remarks-output=%t.yaml
; RUN: FileCheck %s --check-prefix=YAML < %t.yaml
; -bpf-nocsr-relax-always: this test pins bracket placement, not how many
; registers each call keeps (relax-per-call.ll does).
; Each bracketed call reports, at its source location, how many registers it
; kept and where its bracket sits (region of 3 slots below r10+0, anchor -24).
;
; CHECK: remark: mixed-live-counts.c:4:27: call to helper 8 keeps 3 caller-saved registers (r1, r2, r3) live; bracket at r10-24..r10-8, anchored at the bottom of a 3-slot region below r10+0{{$}}
; CHECK: remark: mixed-live-counts.c:5:14: call to helper 8 keeps 1 caller-saved register (r4) live; bracket at r10-24..r10-24, anchored at the bottom of a 3-slot region below r10+0{{$}}
;
; YAML:      --- !Passed
; YAML-NEXT: Pass: bpf-nocsr
; YAML-NEXT: Name: Bracketed
; YAML-NEXT: DebugLoc: { File: mixed-live-counts.c, Line: 4, Column: 27 }
; YAML-NEXT: Function: mixed
; YAML:      --- !Passed
; YAML:      DebugLoc: { File: mixed-live-counts.c, Line: 5, Column: 14 }
;
; Source (clang -g):
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; unsigned long mixed(unsigned long a, unsigned long b, unsigned long c) {
;   unsigned long t = ((a ^ get_cpu()) * b) ^ c;
;   return t + get_cpu();
; }
;
target triple = "bpf"

define dso_local i64 @mixed(i64 noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #0 !dbg !18 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !22, metadata !DIExpression()), !dbg !26
  call void @llvm.dbg.value(metadata i64 %1, metadata !23, metadata !DIExpression()), !dbg !26
  call void @llvm.dbg.value(metadata i64 %2, metadata !24, metadata !DIExpression()), !dbg !26
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #1, !dbg !27
  %5 = xor i64 %4, %0, !dbg !28
  %6 = mul i64 %5, %1, !dbg !29
  %7 = xor i64 %6, %2, !dbg !30
  call void @llvm.dbg.value(metadata i64 %7, metadata !25, metadata !DIExpression()), !dbg !26
  %8 = tail call i64 inttoptr (i64 8 to ptr)() #1, !dbg !31
  %9 = add i64 %7, %8, !dbg !32
  ret i64 %9, !dbg !33
}

declare void @llvm.dbg.value(metadata, metadata, metadata)

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!9, !10, !11, !12, !13}
!llvm.errno.tbaa = !{!14}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, globals: !2, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "mixed-live-counts.c", directory: "/src", checksumkind: CSK_MD5, checksum: "551212ebf259648eb08b45e42b05dc8a")
!2 = !{!3}
!3 = !DIGlobalVariableExpression(var: !4, expr: !DIExpression(DW_OP_constu, 8, DW_OP_stack_value))
!4 = distinct !DIGlobalVariable(name: "get_cpu", scope: !0, file: !1, line: 2, type: !5, isLocal: true, isDefinition: true)
!5 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !6, size: 64)
!6 = !DISubroutineType(types: !7)
!7 = !{!8}
!8 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!9 = !{i32 7, !"Dwarf Version", i32 5}
!10 = !{i32 2, !"Debug Info Version", i32 3}
!11 = !{i32 1, !"wchar_size", i32 4}
!12 = !{i32 7, !"frame-pointer", i32 2}
!13 = !{i32 7, !"debug-info-assignment-tracking", i1 true}
!14 = !{!15, !15, i64 0}
!15 = !{!"int", !16, i64 0}
!16 = !{!"omnipotent char", !17, i64 0}
!17 = !{!"Simple C/C++ TBAA"}
!18 = distinct !DISubprogram(name: "mixed", scope: !1, file: !1, line: 3, type: !19, scopeLine: 3, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !21)
!19 = !DISubroutineType(types: !20)
!20 = !{!8, !8, !8, !8}
!21 = !{!22, !23, !24, !25}
!22 = !DILocalVariable(name: "a", arg: 1, scope: !18, file: !1, line: 3, type: !8)
!23 = !DILocalVariable(name: "b", arg: 2, scope: !18, file: !1, line: 3, type: !8)
!24 = !DILocalVariable(name: "c", arg: 3, scope: !18, file: !1, line: 3, type: !8)
!25 = !DILocalVariable(name: "t", scope: !18, file: !1, line: 4, type: !8)
!26 = !DILocation(line: 0, scope: !18)
!27 = !DILocation(line: 4, column: 27, scope: !18)
!28 = !DILocation(line: 4, column: 25, scope: !18)
!29 = !DILocation(line: 4, column: 38, scope: !18)
!30 = !DILocation(line: 4, column: 43, scope: !18)
!31 = !DILocation(line: 5, column: 14, scope: !18)
!32 = !DILocation(line: 5, column: 12, scope: !18)
!33 = !DILocation(line: 5, column: 3, scope: !18)

