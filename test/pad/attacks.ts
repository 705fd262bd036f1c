// Hostile inputs for the pad tests, built as an attacker would (see issue 10).
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { FRAGMENT } from '../../src/modules/pad/document.js';

/**
 * Yjs updates that nest `depth` blockquotes inside each other in the editor's fragment, `perUpdate`
 * levels per update, then one that deletes the outermost (whose garbage collection recursed once per
 * level on the server and crashed it).
 */
export function nestedBlockquotes(depth: number, perUpdate: number): { nest: Uint8Array[]; removeOuter: Uint8Array } {
  const doc = new Y.Doc({ gc: false }); // the attacker's own copy must survive its deletion
  const fragment = doc.getXmlFragment(FRAGMENT);
  const nest: Uint8Array[] = [];
  let parent: Y.XmlElement | Y.XmlFragment = fragment;
  for (let level = 0; level < depth; level += perUpdate) {
    let update: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => (update = u));
    doc.transact(() => {
      for (let i = level; i < Math.min(depth, level + perUpdate); i++) {
        const el = new Y.XmlElement('blockquote');
        parent.insert(0, [el]);
        parent = el;
      }
    });
    nest.push(update!);
  }
  // Deleting it here would recurse too: write the update by hand (no structs, one deleted range).
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, doc.clientID);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  return { nest, removeOuter: encoding.toUint8Array(e) };
}

/** The two 117-byte updates of issue 10 (A2): the first half-applied on the server, the second then acknowledged over the hole. */
export const POISON_UPDATES = [
  '010682fb86d0030007010b70726f73656d6972726f720309706172616772617068070082fb86d0030006060082fb86d00301067374726f6e6704747275658482fb86d003020a76616c696420746578748682fb86d0037c067374726f6e67046e756c6c280082fb86d00300056c6576656c017d0300',
  '010682fb86d0030007010b70736f73656d6972726f720309706170616772617068070082fb86d0030406060082fb86d00301067374726f6e6704747275658482fb86d003020a76616c696420746578748682fb86d0030c067374726f6e67046e756c6c280082fb86d00300056c6576656c017d0300',
].map((hex) => new Uint8Array(Buffer.from(hex, 'hex')));
