package dev.plugbench.host;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes and members a class file refers to, read from its constant pool (JVMS 4.4): what the
 * plugin verifier checks against the host's contract, as IDE plugin verifiers do.
 *
 * @param classes internal names of every class referred to (array element types included)
 * @param members every field and method reference: owner (internal name), name, descriptor, kind
 */
record ClassReferences(Set<String> classes, List<Member> members) {
    /** A field or method reference. */
    record Member(String owner, String name, String descriptor, boolean field) {
        String display() {
            return owner.replace('/', '.') + "." + name + (field ? "" : descriptor);
        }
    }

    static ClassReferences read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tag = new int[count];
        String[] utf8 = new String[count];
        int[] a = new int[count];
        int[] b = new int[count];
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            switch (tag[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> a[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    a[i] = in.readUnsignedShort();
                    b[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag[i] + " at " + i);
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        List<Member> members = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tag[i] == 7) {
                String name = utf8[a[i]];
                classes.add(name.startsWith("[") ? elementType(name) : name);
            } else if (tag[i] == 9 || tag[i] == 10 || tag[i] == 11) {
                String owner = utf8[a[a[i]]];
                owner = owner.startsWith("[") ? elementType(owner) : owner;
                if (owner == null) {
                    continue; // a member of a primitive array (double[].clone()): nothing of the host's
                }
                int nameAndType = b[i];
                members.add(new Member(owner, utf8[a[nameAndType]], utf8[b[nameAndType]], tag[i] == 9));
            }
        }
        classes.remove(null);
        return new ClassReferences(classes, members);
    }

    /** The element class of an array descriptor ({@code [[Lx/Y;} to {@code x/Y}), or null for primitives. */
    private static String elementType(String descriptor) {
        String d = descriptor.replaceFirst("^\\[+", "");
        return d.startsWith("L") && d.endsWith(";") ? d.substring(1, d.length() - 1) : null;
    }
}
