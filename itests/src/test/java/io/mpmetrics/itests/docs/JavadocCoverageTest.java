package io.mpmetrics.itests.docs;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExportsTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ModuleTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type, constructor, method and field that a library module exports (public or protected,
 * in a package its {@code module-info} exports, inside a public type) has a doc comment, and
 * every exported package has one. The javadoc jar's doclint (maven-javadoc-plugin,
 * {@code all,-missing}, failing on warnings) checks what the comments say: HTML, references,
 * syntax. This test checks that they exist, which doclint's {@code missing} group would do only
 * together with a {@code @param}/{@code @return} for every parameter and result, whatever the
 * prose already says. The sources are parsed, not compiled.
 */
class JavadocCoverageTest {
    /** The library modules (test-only modules and examples are not documented API). */
    static final List<String> LIBRARY_MODULES = List.of("api", "backend-varhandle", "backend-unsafe", "backend-locking",
            "backend-ffm", "metrics", "exporter", "cli");

    @Test
    void everyExportedTypeAndMemberHasADocComment() throws IOException {
        Path root = Path.of(System.getProperty("mpmetrics.repo.root", "..")).toAbsolutePath().normalize();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String module : LIBRARY_MODULES) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue; // a module built only on some JDKs, or not there yet
            }
            checked += check(src, missing);
        }
        assertThat(checked).as("exported declarations checked").isGreaterThan(100);
        assertThat(missing).as("exported declarations without a doc comment").isEmpty();
    }

    private static int check(Path src, List<String> missing) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, units);
            List<CompilationUnitTree> parsed = new ArrayList<>();
            task.parse().forEach(parsed::add);
            DocTrees docs = DocTrees.instance(task);
            Set<String> exported = new HashSet<>();
            for (CompilationUnitTree unit : parsed) {
                if (unit.getModule() != null) {
                    ModuleTree m = unit.getModule();
                    m.getDirectives().stream().filter(d -> d instanceof ExportsTree)
                            .map(d -> ((ExportsTree) d).getPackageName().toString()).forEach(exported::add);
                }
            }
            int[] count = {0};
            for (CompilationUnitTree unit : parsed) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
                if (!exported.contains(pkg)) {
                    continue;
                }
                String file = src.relativize(Path.of(unit.getSourceFile().toUri())).toString();
                if (file.endsWith("package-info.java")) {
                    count[0]++;
                    if (docs.getDocCommentTree(new TreePath(new TreePath(unit), unit.getPackage())) == null) {
                        missing.add(file + ": package " + pkg);
                    }
                    continue;
                }
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree node, Void unused) {
                        if (!visible(node.getModifiers(), getCurrentPath())) {
                            return null; // neither it nor its members are API
                        }
                        require(node.getSimpleName().toString(), getCurrentPath());
                        return super.visitClass(node, unused);
                    }

                    @Override
                    public Void visitMethod(MethodTree node, Void unused) {
                        if (visible(node.getModifiers(), getCurrentPath()) && !isOverride(node)) {
                            require(node.getName() + "(..)", getCurrentPath());
                        }
                        return null;
                    }

                    @Override
                    public Void visitVariable(VariableTree node, Void unused) {
                        Tree parent = getCurrentPath().getParentPath().getLeaf();
                        if (parent instanceof ClassTree && visible(node.getModifiers(), getCurrentPath())) {
                            require(node.getName().toString(), getCurrentPath());
                        }
                        return null;
                    }

                    private void require(String what, TreePath path) {
                        count[0]++;
                        if (docs.getDocCommentTree(path) == null) {
                            long line = unit.getLineMap().getLineNumber(
                                    docs.getSourcePositions().getStartPosition(unit, path.getLeaf()));
                            missing.add(file + ":" + line + ": " + what);
                        }
                    }
                }.scan(unit, null);
            }
            return count[0];
        }
    }

    /**
     * Public or protected, or implicitly public (a member of an interface or annotation), and
     * every enclosing type public too; record components are documented by the record's
     * {@code @param} tags instead.
     */
    private static boolean visible(ModifiersTree modifiers, TreePath path) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof VariableTree && path.getParentPath().getLeaf() instanceof ClassTree owner
                && owner.getKind() == Tree.Kind.RECORD && !modifiers.getFlags().contains(Modifier.STATIC)) {
            return false; // a record component: documented by the record's @param tag
        }
        Set<Modifier> flags = modifiers.getFlags();
        boolean inInterface = path.getParentPath().getLeaf() instanceof ClassTree owner
                && (owner.getKind() == Tree.Kind.INTERFACE || owner.getKind() == Tree.Kind.ANNOTATION_TYPE);
        boolean open = flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                || (inInterface && !flags.contains(Modifier.PRIVATE));
        if (!open) {
            return false;
        }
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            if (p.getLeaf() instanceof ClassTree outer) {
                boolean outerInInterface = p.getParentPath().getLeaf() instanceof ClassTree o
                        && (o.getKind() == Tree.Kind.INTERFACE || o.getKind() == Tree.Kind.ANNOTATION_TYPE);
                Set<Modifier> f = outer.getModifiers().getFlags();
                if (!f.contains(Modifier.PUBLIC) && !f.contains(Modifier.PROTECTED) && !outerInInterface) {
                    return false;
                }
            }
            if (p.getLeaf() instanceof MethodTree) {
                return false; // local and anonymous classes
            }
        }
        return true;
    }

    /** An {@code @Override} inherits its documentation (javadoc copies it). */
    private static boolean isOverride(MethodTree method) {
        return method.getModifiers().getAnnotations().stream()
                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
    }
}
