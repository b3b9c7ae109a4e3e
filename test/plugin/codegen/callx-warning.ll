; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s -pass-remarks-missed=bpf-nocsr 2>&1 | FileCheck %s
; REQUIRES: !native-bpf-fastcall
; A call through a non-constant pointer compiles to callx, which no kernel
; inlines: it stays a normal call (a is moved to r6, no bracket), with a
; warning and a missed-optimisation remark at the call's location.
;
; CHECK: warning: callx.c:5:10: {{.*}}bpf_fastcall call through a non-constant pointer (callx) is not eligible; it clobbers r0-r5
; CHECK: remark: callx.c:5:10: call through a non-constant pointer not relaxed
; CHECK-LABEL: callx:
; CHECK:      r6 = r1
; CHECK:      callx r2
; CHECK:      r0 ^= r6
;
; Source (clang -g):
; #define __fc __attribute__((bpf_fastcall))
; typedef unsigned long (*fn_t)(void);
; unsigned long callx(unsigned long a, unsigned long p) {
;   __fc fn_t f = (fn_t)p;
;   return f() ^ a;
; }
;
target triple = "bpf"

define dso_local i64 @callx(i64 noundef %0, i64 noundef %1) local_unnamed_addr #0 !dbg !17 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !21, metadata !DIExpression()), !dbg !24
  call void @llvm.dbg.value(metadata i64 %1, metadata !22, metadata !DIExpression()), !dbg !24
  %3 = inttoptr i64 %1 to ptr, !dbg !25
  call void @llvm.dbg.value(metadata ptr %3, metadata !23, metadata !DIExpression()), !dbg !24
  %4 = tail call i64 %3() #1, !dbg !26
  %5 = xor i64 %4, %0, !dbg !27
  ret i64 %5, !dbg !28
}


declare void @llvm.dbg.value(metadata, metadata, metadata)

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!8, !9, !10, !11, !12}
!llvm.errno.tbaa = !{!13}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, retainedTypes: !2, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "callx.c", directory: "/src", checksumkind: CSK_MD5, checksum: "1703beb4fa807922b0d7d862856e0047")
!2 = !{!3}
!3 = !DIDerivedType(tag: DW_TAG_typedef, name: "fn_t", file: !1, line: 2, baseType: !4)
!4 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !5, size: 64)
!5 = !DISubroutineType(types: !6)
!6 = !{!7}
!7 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!8 = !{i32 7, !"Dwarf Version", i32 5}
!9 = !{i32 2, !"Debug Info Version", i32 3}
!10 = !{i32 1, !"wchar_size", i32 4}
!11 = !{i32 7, !"frame-pointer", i32 2}
!12 = !{i32 7, !"debug-info-assignment-tracking", i1 true}
!13 = !{!14, !14, i64 0}
!14 = !{!"int", !15, i64 0}
!15 = !{!"omnipotent char", !16, i64 0}
!16 = !{!"Simple C/C++ TBAA"}
!17 = distinct !DISubprogram(name: "callx", scope: !1, file: !1, line: 3, type: !18, scopeLine: 3, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !20)
!18 = !DISubroutineType(types: !19)
!19 = !{!7, !7, !7}
!20 = !{!21, !22, !23}
!21 = !DILocalVariable(name: "a", arg: 1, scope: !17, file: !1, line: 3, type: !7)
!22 = !DILocalVariable(name: "p", arg: 2, scope: !17, file: !1, line: 3, type: !7)
!23 = !DILocalVariable(name: "f", scope: !17, file: !1, line: 4, type: !3)
!24 = !DILocation(line: 0, scope: !17)
!25 = !DILocation(line: 4, column: 17, scope: !17)
!26 = !DILocation(line: 5, column: 10, scope: !17)
!27 = !DILocation(line: 5, column: 14, scope: !17)
!28 = !DILocation(line: 5, column: 3, scope: !17)

