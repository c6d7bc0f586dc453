# ruff: noqa: E501  (one card id and its 64-digit hash per line reads best)
"""Content hashes stay byte-identical: a changed hash would record an edit of every card.

The literals were computed by the code before the card-kind registry (which listed the hashed
fields by hand), over the bundled decks, the test deck of every kind and `quizapp new`'s
template. `card_hash` now derives the fields from the kind; it must give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.commands.new import TEMPLATE
from quizapp.decks import load_deck
from quizapp.model import Deck, card_hash

ROOT = Path(__file__).resolve().parents[2]

#: {deck file (relative to the repository, or "quizapp new"): {card id: content hash}}
HASHES: dict[str, dict[str, str]] = {
    "quizapp/bundled_decks/dl-history.yaml": {
        "alexnet-paper": "2d44f249596ee823f232b7f82a5bad13983ba0f44223a48e61d5c5a83fea271b",
        "alexnet-ilsvrc": "f5c26b0d3dac518bb65c6b756b18b681026229ca4b79112eea4342e546c08ae0",
        "alexnet-why": "65d80f49b1c17ddf9d6eaacd412f8c7350e60847a9797d9449d6157a8115606f",
        "alexnet-design": "b521bdfe268e69c5a98a64e21520f3a73ec7a2bd65f04daf3a52dd32857ca16e",
        "dropout-what": "fd4e745e00e36ba674c8d42cbfcd9c7497a9b1e5daff7dbeaeb1ac7ac3db6b15",
        "dropout-why": "12325682e4e686c288a05699b02958bb0e1f5af6e0e9ae1541d64e0191505444",
        "dropout-papers": "34b36ef832142c3803f412312edcd9d344d961b379e9b1c3506c961af8c4f012",
        "dqn-paper": "17a1bd570a1e22bdb54d14d3832a56163ee58890b0375fb78adf801078e3dd2a",
        "dqn-acronym": "22bd8ce87e8b4b6ef48032fa5968fb19cb7fda03d0c428eff4da7c6e603af5a3",
        "dqn-ingredients": "5da7067c85108a92fba262e65d5eb0fc517e5ea2a13b3b962da7e4dc5abd617c",
        "dqn-results": "0b425dd5c49afe4416508372c20afffe713903ed79b78444e956671102b96823",
        "dqn-legacy": "bd466ee310bb47b688872eb222feb482026005f93eaa4c6b68970ee0743297b1",
        "seq2seq-paper": "5a647621ee27907edf35cd13cc5fec93bf88549c1948cd7ea62242cf4b665b2f",
        "seq2seq-how": "75fa919c607a21f5b4544b5e67699495795ef3d6c575d879822fe5cdc36bb6f2",
        "seq2seq-reversal": "0d5eafe8dbd3063b6972646a57fc2bedd320d8618efc05ef7fd3ab21b6127219",
        "lstm-acronym": "b05d76e4287f75853435492918eea1ae3b77b8b3a6bef7a970ecd37ac91cc585",
        "attention-paper": "01961c396e495e84213a9e9bd576378f2a8c72ed89406908ee83eb39c55a7931",
        "attention-why": "ef57dad56a9fead79aa495804513f9e0b5b04e8784ea4086e52fd7141c4a2eb5",
        "adam-milestone": "257f72213718473b3c5572705169ca5aaa410926297b75642e6a2725be5c3625",
        "gan-paper": "114ff2cbf61a0bc4942cb2e80656eb5957993f36cc141b6348fbad2b65e6e0a4",
        "gan-acronym": "c8a1785fe62714a13b860165fe4b4dd388fd8d7f4de4c47cda85b5a063fd83d5",
        "gan-how": "016f2d65a199476c4664309d01c14b01e7545c143df193be566651dcc6f14c93",
        "gan-discriminator": "535c60934e5f42fd4756f7d9ce53535912498526a52061d2d21b3873a9008891",
        "gan-generator": "7196857e07ecedc601c887d40973e2826fcc956f3e8fcd39c9920638d4fef11d",
        "gan-first-problems": "f89f1692466af595d4eacea174cc2896fb8c0fad7c36b9ac63c109b29e348d1e",
        "gan-variants": "100691e74de3f25e68548f6adfe605b5452fc92b9cb212ff1d1f16117b9f4f7e",
        "gan-variants-order": "443f3ba536877c7b3af24d6bd0b763d23539aaa475070f12b7f386487b3aac7c",
        "resnet-paper": "da97472b2a034b6e9cda96e0662731e20716ae1840885936b4f60d11f12e51c3",
        "resnet-block": "fd946881d1da4cd4bd203b582ab684de61a17f82c549e5674ec7a97ec3f98a6b",
        "resnet-degradation": "6a623aec55d8d0edf8a15c069427d0d312e9ab0fb9185f2ef8553f94f6920884",
        "transformer-paper": "85c943a3d413c9c389d98d21fb18ee4ad642c184c9c45745383bfee8e2660449",
        "transformer-new": "fd9e6816f0a640a5f16b27673caa1cab170a5a84ab5fbb2cbd16bb8973aef53e",
        "transformer-scaling": "1d57782fa7664f04ea81cb55b55bfa9c5f8486adbb5a8c5f8a72781f72e89a1c",
        "bert-paper": "91b7dbb588f99edd322ac20e463ebdc9f9fc4d359e1e6676345db23a1fc884ad",
        "bert-acronym": "53cde5c5a737db7568eac087db2d4ab9227e2ccd05cc54c0f743ef2ecf7e0cc5",
        "bert-objectives": "cd4b218feddc53eb033e1766003230ccbd393bcffdd3d8927e844249a116d7f4",
        "bert-fine-tuning": "fc0f4ac1886f1e9f5a715d202e30d2d283199759fcd7b6ff66401e6a27a19935",
        "gpt3-parameters": "d8a160654ea42bccc770e416df46bfd8a95c7c48123d444a5071dbba3d12b8fa",
        "gpt3-paper": "237b077554b4c091d8c610c64960eaa503d56ae66227412fa006a472761b6a41",
        "gpt3-year": "1da39a2c7f36114a52b93127ecbdabab0d83897aa067d83b7f4c0455cadc568d",
        "gpt3-in-context": "6cd427d1789fe33876482b8ffcbbadf734dbe6d3d2e9305b200c605d68f31a84",
        "llm-acronym": "70eddb6c68516818f193a693020ec5680c23ca57ca9608e19063200efc356820",
        "gpt-order": "a2c2be4f5b73c7ffeb492598349927bdeabe880addbd0ade73c7c729001f3ba0",
        "simclr-paper": "b80209f14853b9fb52bfdfef069582f35eba0e6f71bfc14e3231ac02de5e45ea",
        "simclr-how": "cba0d20ca5fcac6a35d47323beb3ba141571664eda6e3f11a26b7c2628c7269d",
        "simclr-findings": "bd4d4ff2cb0e444ad458f44f6f5a984c5fd13256b7191f93890f607d94a711be",
        "self-supervised-why": "b0864e731a33a865c26be1a0ff1b0149e71e6d0e88f50521906417acd8ea2ac7",
        "chronology-2012-2017": "90e2fcc40a9cdcf8b4fab017fcae0b6afbd6db689976e08ee72d06a4bc5334ca",
        "chronology-2014-2020": "32b17611bf970a014f8571156fbcd3d2b50c93deba354c6df69bc2ca4450e993",
        "chronology-language": "7b876591d6adbde8e18054f79df55347f861c2fd0368a68d0920d490531f4a5f",
        "chronology-vision": "a061ad4cd67f06ca6bdb4f0e72e721d3132b3d52f99bfdc7a06ddb44cedd3bad",
        "year-transformer": "564cba9707ef1f2520e842aa3a708f14f82916a854f8ec2363afcf18c6002cff",
        "year-resnet": "48458a9f94b47aee7692407b8a8f2cf81cad16feddbde0f1f7885152de9b5159",
    },
    "quizapp/bundled_decks/ensembles.yaml": {
        "ensemble-idea": "7f25c5bedb0dec1397bf6a0524c8729d316282480506bc88d15c793662480deb",
        "ensemble-not-only-trees": "ad27cf61937d4e37df6f88c89ca7849b07364ba1340b033b97a3cd1c5b2f1434",
        "weak-learner": "b70586d9ef1ac6249b80ff6e27e793ef48437593671daee7b140fdeafeabd840",
        "weak-to-strong": "9909d0fb3dc61646e1ba6cc2009f4faab97d78e13d51ffdb9831d0858375303a",
        "ensemble-diversity": "0c507a3e5e995317a006a9c18b3c3f12947ae7e817d060a4631f0f2ef0f6edbe",
        "majority-of-three": "25da0c17dd695e5cd6ce2b979e0fdc78d601efa731b78413c0919ff16768bf5a",
        "compare-parallel": "ba9ded98f10ff3d94f02f688921a7c5b5dd35640fa8936c69f88493fa533dc83",
        "compare-same-algorithm": "e02733d4348b4c17ef2fd98ff2f85c71505c89135a331b972a08f99ac493a6fa",
        "compare-sequential": "6592eafabedffec3da2a9a195d0ca52c7f156b084f6843b1ca88153927210d81",
        "compare-different-algorithms": "c6e620b155156b979acd4b553d616e30f1c9a3e60a09bcade58de921a0f28506",
        "term-bagging": "cba1abd53038b15bd764f461ed92d033129bb478eebd38b642f0035f7669c19c",
        "term-boosting": "85ecc0f97a13ebeac56d0583e201cb72782e6395626cd86af2c639a297b7d3bc",
        "term-voting": "4c7afcf020f4be8fcac01c91689a8864f79e1022d98a5c25daa6f37e742b3a75",
        "compare-reduces": "c86e30a678330f39fd3f3dd5fae6c1e299598ee087b42376cc860820ad1230f0",
        "bagging-name": "226869d3b3ccb901e0b856268a6bac7242b2a16faf80d75c5ff8a5e6e0af39ba",
        "bagging-term": "729548602d7128763427de35262ae752a5b1ad2e8d8d8eda31da9f9b1ece3786",
        "bootstrap-sample": "83f1cf4c3c3c8d51781c72b3c79ebad80e5e43cab6290dc7ffc98bf951d826a4",
        "bootstrap-coverage": "a217ed65f01b7843ae6aa9f40b98136bafc13d413e53f85f19d1ac6b625c3cde",
        "ex-bootstrap-left-out": "e2621f9661a09040b00fe4445a75e604b6c5567e2bebe571da4e813e1508936b",
        "ex-bootstrap-distinct": "d012b4c810ac346c9d276edb024a17de5de2aa3d5cfc162990d21fee8f7c2f42",
        "out-of-bag": "108fe12881e906306a5e19838d385c4149405c7f5e0ba43962f88e74f833b663",
        "ex-bootstrap-limit": "c99628ac08fa6e46acfb8217e820a880f5f1f2841cea0f888cefb46cebdf1db4",
        "bagging-combine": "f71ee1c444260afd78793135d84b0775847ac7d3e6a39b9f641e8cc5f3381d9d",
        "bagging-steps": "24d449082581cb6f437feb42f75602bec3c7f5c7c421934e3b35c53984cd485a",
        "bagging-reduces": "85874e04819804b0d213b3be3c3c0a2bc1343f5a3f9f6acfe04c12578d7d26c5",
        "bagging-bias": "6cc1e7bc5b8b79510ef57c01c1ebac06c6c54849a291c448424750968a84e09e",
        "bagging-unstable": "49f02b688078eb214eab41a26c8e995ffd8008a3b0ad83dbc90fbe364cfef56b",
        "bagging-correlation": "89edfca2920a99998efaeb5099e4f0ef4c237d1e706591cad15e1bd46203f898",
        "random-forest": "bed938f5cfe7bb87e421723983d1e6e077bb7517bc683a90ece3649b2c405b66",
        "boosting-idea": "a808ebcd801713c9cd5b7af350aac7e007088ee544ead2663765f0a8765c3c73",
        "boosting-reweighting": "f843b963d0ef02ca99d0cba9a450b2d4927cf5ab83160d77cbd7a606a1040098",
        "adaboost-alpha": "61f90dd6b4e57c885b725e2cb91e473416df2307a17da1215f561cbfc5009982",
        "adaboost-authors": "a2e5551e39d500b3a0cdca5995ecef4be096a2a8a5b264fdf2f38896fe64bf13",
        "boosting-steps": "35c4dec3e9b74d4814e2f6c1c936353909eb50d762b7e144231cacb283c01915",
        "ex-adaboost-first-round": "12b45873d3769666f1022c5eef16de4e5be2411644a3fc5d3f73424fea44f0c6",
        "ex-adaboost-later-round": "9d1a9e4a8bda3fafaa215efd6e87be2110e024afbc6ed37a631a02434f296c45",
        "ex-adaboost-alpha": "03b09cf5412c2674945a627a33c0ba5fab5ebc21c00bac1c28f528f0f2213e3e",
        "decision-stump": "a17af9f0431158707bfed6cc95af3ae826c6837b45c64920e4be2374151358c5",
        "gradient-boosting": "edfca39a84e05758d8f41f4cf2627ad3ead4d3bffd6c533d9b466e89d4477b73",
        "boosting-reduces": "28369ca50a18d564b51320e86cb8d58ca14174e4ee32b40af8ef3951cc41c15f",
        "boosting-outliers": "42512fc515dbe9407e691acc91c8d7922543760d8e051547acc425471f1d28a0",
        "voting-idea": "678f77863a96e6becb38b2a3fb1e642ce174486d95c0bee7f8f9750ef85068a5",
        "hard-voting": "b33c32e33d9d3470dfca6b35c6e9e8b282277072982bc242855116feae088087",
        "soft-voting": "f27e1543d572386938f7a7d6be0be9b7b2385c6401b2b9820d1f79f57083d588",
        "hard-vs-soft-example": "2dc874c6fa647d7f9ef8bff73194fe79f820a7101e80736d8bb5f65cc95d30d1",
        "ex-voting-differ": "5f0b25f1f18fc0b2b878a797a1d1d33ac1ca0d7eca0cfb8c8b491d063911a1d9",
        "ex-voting-average": "c2fb51b6ecbdbebd699b69d4f2e4cb35e9b5606d8ce114ebe4fdb3b2c5205b93",
        "ex-voting-count": "23ca3be7038422b0b2c90c5e197458a19929e8162fabf01b2781a13599d03da4",
        "soft-voting-needs": "ed556eb4f8ad8ff5714ddab360f228d752d388974ae74610785ec22250a4f524",
        "stacking": "de471e8305096137d5763754de95432baea92afb29163dd2d6b6860c679fe9dd",
    },
    "quizapp/bundled_decks/generalization.yaml": {
        "generalization": "96594c7e6184130fd58578059b6efbf0777a5618d1ee901756aaebc7711d6bb2",
        "generalization-gap": "57eceb5e557b6104c53297765220e8719277d69f5ebf829b11d56195da5faa43",
        "gap-compute": "73375139b1f7a9b60bba2a3f418cf14d491b739cb208008cdfa620b352ed482b",
        "ex-generalization-gap": "3d93cedaf345e94c61c1e6f10a6530af4ef37b5a9ba373669eb4a897de13c9a5",
        "gap-small-not-enough": "4b6c11d3e59f67db495668a94798e93c9855f40cbfb22d759d4e6891e09eacb0",
        "generalization-performance": "c0931d00b59d18d2d7dfd496ddf4a864f6af34e1f5450d3d904008c8b96b0260",
        "overfitting": "3f46289745abb78ab874303b3043e2863fa84190a255f230266473c9b3c6de59",
        "underfitting": "1459ab0d046c69492c24e5263f56f7dc157d0644a75896a97c9eeab317238151",
        "overfitting-term": "05858ba68ecb367c247446b1b07724034a2f6ed6ba276f4a9d01315a18feebb2",
        "underfitting-term": "8ac2a62953bb11a4ec51b1f36eca65942254add82b66769bce4f591ed6b4226f",
        "diagnose-high-variance": "f86023dd8033aa6ea0890088641beca59c8bb8ea1bcc0ccb2c3847fdee3bacff",
        "diagnose-high-bias": "f1f9c8dac49556a5941e400a769b33700e66c7b72b53537ae42c9efdac82a873",
        "diagnose-both": "c5e83981af24dcb5bdc4a635219e802c085a7531f71a2bc9a2c71785e70654a8",
        "bias": "fb5bb294d3335df8ab83e3290e025bcfc9fc364de15081bd2d8891fe7ab43b76",
        "variance": "c1eb218d9101528921b973664a079ec4f5128c16f0f053177509f6078891f681",
        "bias-term": "e02beecabed6034443f6b67011c81cba470f70d6f6fd1c684b26fbf6324752ff",
        "variance-term": "1b423cb4a64431cbab2b0e5243d57b85aa9c0e194a54939473ab4131b68b3b4f",
        "decomposition": "bb63c46858e01ae08007c25ecb7be05587f4c24d41a7c027c903bc43a1ebcea4",
        "irreducible-error": "4b7dc37c981b104e41620a8c3e4d5886985e53b162c14ce05dde9f86f2667cc5",
        "worked-bias-variance": "4369ac06305e08456bc41c7cfadd907b58a71f15a9a82dfc125f4dd5ade83c6a",
        "ex-bias-variance-split": "5c9d687c87dcb0be80a9d236a6d7bfd2d2ff9fc267d94235819cd84f4cb00e27",
        "ex-bias-variance-mean": "c683b70220cc35ad0dc8e89864fb8fdce6af2f9ec8693ba3217e5c3b805a1e76",
        "ex-bias-variance-unbiased": "cda6f9c8b3a0a73fb0872c91827011df348a9b1bdd13db67802249b73caca013",
        "constant-model": "d1c0caeae6ef842db3d836237270ebb85ba1ea1a483709c5b46021f37885f8a2",
        "variance-overfitting": "154b29e9f6c613e16015f0d57f86684e886821a57f9e451a4a2e8a1cbd94e5e8",
        "tradeoff": "fd3ac87c6211291a1c1564b8ec8d28d8100fe0c76338925553d5607504dfdb59",
        "tradeoff-term": "e6a0210624b5db30c66be595ec1f09503cd3c99230a4189d2269f747cabba124",
        "knn-order": "f32d6a61b2fd31b5e51ba0b6832ce3e6bb6ba2754ebc084221869f7b651c862d",
        "polynomial-order": "cf213ee684ff85fe9986d83476b46c0e61a4908cc070652536a8f5862f7d263d",
        "regularization-strength": "51f1617e47b525c158203cc82e0ef80e49cb54a95dc9d9f80b8c23a139f65074",
        "double-descent": "9eb1224e86329baf3c3361e618e6e19ff3f5965fe37318c62572752c6c90bbaf",
        "fix-overfitting": "71a664275624cee50cf50635a81b4001cb6128a38c79cb9dc2ddd17feb7fe799",
        "fix-underfitting": "52bf8041b8f53ac13afaa6d1a4a10e5494d3831046b84360d5f51e62dcc8758f",
        "learning-curves": "dd5ec6aa3fdaedb868a1fd96522fa84446825d458d6b346d9e51057d37d39186",
        "early-stopping": "8ff320bb4f79f900c243ddaae25f221f3764cecb8536a546a9c556ddeb54cb4a",
        "validation-vs-test": "7dd3c2114d9562354fde2b0566a31d16b234284a1ce1fbf135cec46c1d35432e",
        "cross-validation": "d9c8ec63120c9526e0d387256718337aa85766e560e0c314798373e090cd94e5",
        "workflow-order": "f74ffd565f6d0b747dcfcb3ff7434f5eb15716cc8dc07bdf72fb9b960b1cbef4",
    },
    "quizapp/bundled_decks/optimizers.yaml": {
        "adam-paper": "749e5238ed4529b0af0c14a5e87568a268942081a6ad74309b5cc18539edf225",
        "adam-name": "c6935efe07e66021bd0aca4be29c5b56574e02d480abba8fea60cc8f08ac7b15",
        "adam-one-line": "89ee5f8b5fef21bea222a7a8fd70bb4234a72a3bdc0e08f026c00a8c77d5949b",
        "adam-adapts": "075f8ca94fabcb594a1c28b251d3b5169442df3fd2c6637deda35e4cd7a09b2e",
        "adam-motivation": "e6829bf0186fdcedfa8f7ed0b484b3e5e6e86a7bc80a7dfd63cb44fb68b75779",
        "adam-m-update": "62aae0979a9e03033db364750449cb47e8a4a5b75ac3ce90e5b0557552e300fc",
        "adam-v-update": "7b808c3e78bd378e69c18db645e9cd3e36e2d14996ffbe87c3ca057b85e54ff6",
        "adam-moments": "b8920a0625e5b898dd874964d88ea5fdc65509494a3584697de87be67a8323d3",
        "first-moment-term": "a195c2d0124a142bef337403c2bfbb8a97aa488580a5cb20ad9a0c8ccd67c89a",
        "second-moment-term": "45b690f0e35d5dddd224c4aca904f5e0f52a70c86c306fe15a02649e0de80614",
        "ema-term": "bb7a53c88399382686a0f59f66a6a6c83cd68f6326fe322766e966394515a90b",
        "ema-window": "4609c72b2286d35fc9eed6f78d94a396728db3bd3130c526092f3ee18ade01cf",
        "bias-correction-formula": "139a95ea4b5a59555f552afe341206ed4d53ab787a1499e2af466cf4e2c537c5",
        "bias-correction-why": "786566913dc0d77afe4858f7c6ca102c79460a6bda8a15f37d974d601bf05601",
        "bias-correction-first-step": "3922225348a669a8b405226ebeb9e5ffa72057c8fb8a51d990cb24116ce59a20",
        "bias-correction-without": "c4283f1b2c61bb6e1aee152f4b7d59980630fb222ebac7d3056109492c715004",
        "bias-correction-t10": "46dba02d2553b09d431bcd5c360e5018a227067db505828878794dae394b6d4b",
        "adam-update": "4ac6af14fd9d95298a5576e0b034044d861fc5e4396c1d813ca5fa2201ffb7c5",
        "ex-adam-first-step": "2d7d968d2ae534f6ad0938d1224f54b3ef659f236a75072e58c0e42e977ae09d",
        "adam-steps-order": "feba4c45123165b098dd6cb609aaae09c2f547a3883397797e4461dca257993e",
        "adam-defaults": "fb7f5eaa53d8b54c572a431f71ba4b4769a4be0b8c7376adb39f7b07c0a10b62",
        "default-beta2": "4b29948c4efb6bbb6926a6801a83ebfa7e3337ce5feb1a269349e9ddae10535b",
        "default-epsilon": "5c3350ab2959a68536ae064eb847b6016c4e423649bad1cd966322cf95345f31",
        "default-alpha": "31f7a7cc34ad8e0741ffc40bd3f5bbb1397f0ec4fc38ec7bbe9d0d46b4b0ce2e",
        "epsilon-role": "27bd0677c9ab7f0a3dbc6983e9b6156d30c78724e14cd555d0e781ebb065c75d",
        "pytorch-defaults": "d950fd8bd51a84f96b9886659ac12fe04d475a4bd7fb2f8ac9d633f45d1bf1f1",
        "worked-first-step": "9c07ebb10b2b3985c669fa6c6d3a636e152a6472feaa91bc4829597f66299f6c",
        "ex-adam-second-step": "96eba0ceed35695eba6c16e50e4bf3f30e0be061820f82ef26b530b30d31dbd0",
        "ex-adam-two-weights": "be2122cdbaf1bf82c74a480f7b141c4eaa74549d13624012367ba60a103e2379",
        "ex-adam-bias-correction": "cac659cb18d228fdd70cf2ad6d5fc85a3e2acf8fcebba973322927f0dfdcb690",
        "step-bounded": "8c17239429c389e622edadf29ca5d0fcfb845e306301321e241944bb2803a70e",
        "scale-invariance": "3ef5ef439df1acaad9a79cd3135915b90d4042648c4e41f54d0dec10d5d0f87c",
        "adam-state": "7c7f8fc3fad0d302c60dec9d4da882443f53a3954414a03909f353522e8953a0",
        "why-adam-popular": "ef0c05a67e19cde10712b38c1e08c7e752f4d6127f74323a9de145a054637030",
        "sgd-update": "54d60f1dfc4e0758534c88356f56d63c171064d9281cc8c88974972cecb7afe5",
        "momentum-update": "80e76930706d919bcdc1387dfd5a785cb0cf89cc4048a94e1f70845dc829af81",
        "ex-momentum-from-rest": "1ac9890c64c24d013a363b3f88d42a3928a44a8ae8db132c49cbfbd814d56311",
        "ex-momentum-carried-velocity": "e23768911e716afd517ab2f8857b647e364a888d99469ef42aa472bbdaf32a7a",
        "ex-momentum-two-weights": "3339f029dcc38ef70d2697b79429e6459ce231c4f033347fabf93b4805a9f66a",
        "rmsprop-update": "49364c693e9bb4b2dfdaa4087c7648abf9a3aa92dac6c16d7415bdc820456c78",
        "ex-rmsprop-first-step": "334046caafeb2607889d1f505b21f8a3bc6b982a99c3370b9e857bfaf2163599",
        "ex-rmsprop-running-average": "5f58d454d7b508d654700ea523ab8c30c3089c0ca66e6ad357b88eeb374eb1ff",
        "ex-rmsprop-two-weights": "367205562b1721dbffb527d8afee00df78b728190e5d4eb68b7011a94cebb019",
        "rmsprop-origin": "43f5ac598dbfec39e22b69b79e57d2c5f2f8628b5ed37853c16cd55165dfde41",
        "adagrad-vs-rmsprop": "636248c3353782b63d3308700320a629e6367ade9114889c08ab64d2d7c68e2d",
        "adam-combines": "9dccb85b32868a0da37fbb26dddb6f01393cd84c015c28553bba78fb1b49e696",
        "adam-vs-rmsprop-momentum": "329cd13e51219778a7a899391d635dfec50c7ea438f856e8a2434a6c5cf1194b",
        "optimizer-order": "2d62bb9062becac6b8a03a601ce2ed7cf2d44881b315338e0156c5a5398ec3aa",
        "adamw": "c672272abcd7501a0ced5d35e3480cf34671eac71b5d4a874ea7b6b3af6a2849",
        "amsgrad": "f16d69207d954becbaccbe3854917f2cadc224a7b226d2cac349a6a38d05a9d0",
        "adamax": "45c1978c55944552f6dfa660938506177e9473a3ea6dcf0b12abe0b28abb0545",
        "adaptive-generalization": "d52955e3dc39fa01ac26a85a008ac4adb45c31068ddd7794a55224f6ed731510",
    },
    "tests/decks/good/every-kind.yaml": {
        "bagging-idea": "bad4623bd52693325618452fdd29f8f9f128f8b6f48c4d5930b6f678d29c3e01",
        "term-boosting": "bb9768118248747ff632c31df0193d03a5c6172ef67d6b9250da834a8b159119",
        "adam-year": "49fdb453f44f8baa9351e3fe23a8c3b79d116505c8ca4b30888231db3e0e6b1c",
        "bagging-reduces": "3592259cd371a946768e81196c3bad1b28e091e8f9880a1d281ee8bdd3fff917",
        "ensembles-several": "0afae44021e56d3e3dece63a54f5b01a6ea5c87d4dfc8c5e3f9db4e0394a1169",
        "term-bagging": "718ce1eaa385c286388c1f4dcb31a552d66cddf4cd4c0c2d36a6d8eab9ac96bd",
        "year-typed": "1b8352f83277a5faee95a150fb4847f439f87428e7a52775b152c38b8adc0ff9",
        "milestones-2012-2015": "6450ff7042611889ef4a3b27e72ac5f62d3014720e4774eaf99a1de392bbcf63",
        "adam-one-step": "e03d53bac48f5eaa6dc19a32bf6e3a33546d0aea1b94550bc8be797ecf62aa51",
        "a-card-without-an-id-3f7b8000ea": "7e48695be4b14b8f17f106f7ccf4b5c7c31778f8e071ea5f9c5b2b74426dbda0",
    },
    "quizapp new": {
        "example-basic": "5daa9f0f447883d5b6b3b16c24e40774965e4dad2351dfe71622949bce70f948",
        "example-reverse": "bb9768118248747ff632c31df0193d03a5c6172ef67d6b9250da834a8b159119",
        "example-cloze": "952bd9123a290ec49b3ff7e984003c6690fba70ce67d4b7206167caa8d1a8ec3",
        "example-choice": "3592259cd371a946768e81196c3bad1b28e091e8f9880a1d281ee8bdd3fff917",
        "example-typed": "729548602d7128763427de35262ae752a5b1ad2e8d8d8eda31da9f9b1ece3786",
        "example-order": "a06b6221803330a9713561d9b77fbedbb641558fbe8e4c37555fe9ea8e572fd1",
        "example-exercise": "e03d53bac48f5eaa6dc19a32bf6e3a33546d0aea1b94550bc8be797ecf62aa51",
    },
}


def _deck(name: str, tmp_path: Path) -> Deck:
    if name == "quizapp new":
        path = tmp_path / "my-deck.yaml"
        path.write_text(TEMPLATE.format(deck_id="my-deck", title="My deck"), encoding="utf-8")
    else:
        path = ROOT / name
    result = load_deck(path)
    assert result.deck is not None, [str(p) for p in result.problems]
    return result.deck


@pytest.mark.parametrize("name", sorted(HASHES))
def test_every_card_keeps_its_content_hash(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    deck = _deck(name, tmp_path)
    assert {card.id: card_hash(card) for card in deck.cards} == HASHES[name]


def test_the_literals_cover_every_card_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.model import CardKind

    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    kinds = {card.kind for name in HASHES for card in _deck(name, tmp_path).cards}
    assert kinds == set(CardKind)
